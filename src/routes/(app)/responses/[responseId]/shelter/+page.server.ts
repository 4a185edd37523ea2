import { z } from 'zod';
import { can } from '$lib/domain/policy';
import { OCCUPANCY_BANDS, SITE_KINDS, SITE_STATUSES } from '$lib/domain/shelter';
import { authorize } from '$lib/server/auth/guard';
import { areasUnder } from '$lib/server/assessments';
import { listSites } from '$lib/server/shelter';
import type { PageServerLoad } from './$types';

const empty = (v: unknown) => (v === '' ? undefined : v);
const filterSchema = z.object({
	kind: z.preprocess(empty, z.enum(SITE_KINDS).optional()).catch(undefined),
	status: z.preprocess(empty, z.enum(SITE_STATUSES).optional()).catch(undefined),
	band: z.preprocess(empty, z.enum(OCCUPANCY_BANDS).optional()).catch(undefined),
	area: z
		.preprocess(
			empty,
			z
				.string()
				.regex(/^KH\d{2,6}$/)
				.optional()
		)
		.catch(undefined),
	belowSphere: z.preprocess((v) => v === 'on' || v === '1', z.boolean()).catch(false)
});

/** The response's shelter sites with their occupancy, as a list and a map. */
export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'shelter.read');
	const { response } = await event.parent();
	const db = event.locals.db;
	const filter = filterSchema.parse(Object.fromEntries(event.url.searchParams));
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
