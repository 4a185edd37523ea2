/** Words and colours for shelter sites' codes and occupancy, in the reader's language. */
import { m } from '$lib/paraglide/messages.js';
import type { Labels } from '$lib/code-labels';
import type { OccupancyBand, SiteKind, SiteStatus } from '$lib/domain/plain/shelter';

export const siteKindLabel: Labels<SiteKind> = {
	evacuation_centre: m.shel_kind_evacuation_centre,
	collective_centre: m.shel_kind_collective_centre,
	transit_centre: m.shel_kind_transit_centre,
	host_community: m.shel_kind_host_community
};

export const siteStatusLabel: Labels<SiteStatus> = {
	open: m.shel_site_open,
	closed: m.shel_site_closed
};

export const bandLabel: Labels<OccupancyBand> = {
	empty: m.shel_band_empty,
	below_half: m.shel_band_below_half,
	below_full: m.shel_band_below_full,
	full: m.shel_band_full,
	over: m.shel_band_over
};

/** Light to dark, red for over capacity. */
export const BAND_COLOURS: Record<OccupancyBand, string> = {
	empty: '#bdbdbd',
	below_half: '#9ecae1',
	below_full: '#3182bd',
	full: '#f0a202',
	over: '#b3261e'
};
