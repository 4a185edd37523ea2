import { todayInCambodia } from '$lib/domain/dates';
import { can } from '$lib/domain/policy';
import { siteFilterSchema } from '$lib/domain/shelter';
import { authorize } from '$lib/server/auth/guard';
import { areasUnder } from '$lib/server/places';
import { listSites, siteTotals } from '$lib/server/shelter';
import type { PageServerLoad } from './$types';

/**
 * The response's shelter sites with their population on the as-of day (today unless chosen), as
 * a list and a map; the totals are `siteTotals`, the sitrep's and the API's definition.
 */
export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'shelter.read');
	const { response } = await event.parent();
	const db = event.locals.db;
	const filter = siteFilterSchema
		.catch({ belowSphere: false })
		.parse(Object.fromEntries(event.url.searchParams));
	const day = filter.asOf ?? todayInCambodia();
	const sites = await listSites(db, { responseId: response.id, ...filter, asOf: day });
	return {
		filter,
		day,
		// The export takes the page's day too, so a file saved tomorrow still matches this page.
		exportFilter: { ...filter, asOf: day },
		totals: siteTotals(sites),
		sites: sites.map((s) => ({
			id: s.site.id,
			nameEn: s.site.nameEn,
			nameKm: s.site.nameKm,
			kind: s.site.kind,
			status: s.site.status,
			open: s.open,
			openedOn: s.site.openedOn,
			lon: s.site.lon,
			lat: s.site.lat,
			organisation: s.organisation,
			areaNameEn: s.areaNameEn,
			areaNameKm: s.areaNameKm,
			asOf: s.asOf,
			occupancy: s.occupancy,
			band: s.band
		})),
		areas: await areasUnder(db, response.provinces, 2),
		canCreate: can(user, 'shelter.site.manage', { organisationId: user.organisationId })
	};
};
