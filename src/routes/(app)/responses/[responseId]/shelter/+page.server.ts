import { can } from '$lib/domain/policy';
import { siteFilterSchema } from '$lib/domain/shelter';
import { authorize } from '$lib/server/auth/guard';
import { areasUnder } from '$lib/server/assessments';
import { listSites } from '$lib/server/shelter';
import type { PageServerLoad } from './$types';

/** The response's shelter sites with their occupancy, as a list and a map. */
export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'shelter.read');
	const { response } = await event.parent();
	const db = event.locals.db;
	const filter = siteFilterSchema
		.catch({ belowSphere: false })
		.parse(Object.fromEntries(event.url.searchParams));
	const sites = listSites(db, { responseId: response.id, ...filter });
	return {
		filter,
		sites: sites.map((s) => ({
			id: s.site.id,
			nameEn: s.site.nameEn,
			nameKm: s.site.nameKm,
			kind: s.site.kind,
			status: s.site.status,
			lon: s.site.lon,
			lat: s.site.lat,
			organisation: s.organisation,
			areaNameEn: s.areaNameEn,
			areaNameKm: s.areaNameKm,
			asOf: s.asOf,
			occupancy: s.occupancy,
			band: s.band
		})),
		areas: areasUnder(db, response.provinces).filter((a) => a.level <= 2),
		canCreate: can(user, 'shelter.site.manage', { organisationId: user.organisationId })
	};
};
