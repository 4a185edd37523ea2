/** Words for the Shelter Sector's codes, in the reader's language. */
import { m } from '$lib/paraglide/messages.js';
import { codeOptions, type Labels } from '$lib/code-labels';
import { REVIEW_FILTERS } from '$lib/domain/plain/shelter';
import type {
	ActivityStatus,
	ActivityType,
	CatalogueKind,
	Modality,
	OccupancyBand,
	ReviewFilter,
	ReviewState,
	SiteKind,
	SiteStatus,
	StandardPer
} from '$lib/domain/plain/shelter';

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

export const activityTypeLabel: Labels<ActivityType> = {
	emergency_shelter_kit: m.shel_type_emergency_shelter_kit,
	nfi_distribution: m.shel_type_nfi_distribution,
	shelter_repair: m.shel_type_shelter_repair,
	cash_for_shelter: m.shel_type_cash_for_shelter,
	site_management: m.shel_type_site_management,
	shelter_assessment: m.shel_type_shelter_assessment,
	training: m.shel_type_training
};

export const modalityLabel: Labels<Modality> = {
	in_kind: m.shel_modality_in_kind,
	cash: m.shel_modality_cash,
	voucher: m.shel_modality_voucher,
	service: m.shel_modality_service
};

export const activityStatusLabel: Labels<ActivityStatus> = {
	planned: m.shel_status_planned,
	ongoing: m.shel_status_ongoing,
	completed: m.shel_status_completed
};

export const reviewStateLabel: Labels<ReviewState> = {
	draft: m.shel_review_draft,
	submitted: m.shel_review_submitted,
	validated: m.shel_review_validated,
	returned: m.shel_review_returned
};

export const reviewFilterLabel: Labels<ReviewFilter> = {
	...reviewStateLabel,
	all: m.shel_review_all
};

/** The review filter's choices, validated first (the default). */
export const reviewFilterOptions = () => codeOptions(REVIEW_FILTERS, reviewFilterLabel);

export const standardPerLabel: Labels<StandardPer> = {
	household: m.shel_per_household,
	person: m.shel_per_person
};

export const catalogueKindLabel: Labels<CatalogueKind> = {
	item: m.shel_cat_item,
	kit: m.shel_cat_kit
};

export const bandLabel: Labels<OccupancyBand> = {
	empty: m.shel_band_empty,
	below_half: m.shel_band_below_half,
	below_full: m.shel_band_below_full,
	full: m.shel_band_full,
	over: m.shel_band_over
};

/** The levels the gaps and the 4W matrix group by, as their filter's choices. */
export const levelOptions = () =>
	codeOptions(['province', 'district'], {
		province: m.assess_field_province,
		district: m.assess_field_district
	});

/** Light to dark, red for over capacity. */
export const BAND_COLOURS: Record<OccupancyBand, string> = {
	empty: '#bdbdbd',
	below_half: '#9ecae1',
	below_full: '#3182bd',
	full: '#f0a202',
	over: '#b3261e'
};

/** CSS class of the review state's badge. */
export const reviewBadge: Record<ReviewState, string> = {
	draft: 'closed',
	submitted: 'warning',
	validated: 'ok',
	returned: 'danger'
};
