import { z } from 'zod';
import { pageNumber } from '$lib/domain/validation';
import { can } from '$lib/domain/policy';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, REVIEW_STATES } from '$lib/domain/shelter';
import { authorize } from '$lib/server/auth/guard';
import { areasUnder } from '$lib/server/assessments';
import { boundaries, levelsWithGeometry } from '$lib/server/places/geo';
import {
	matrixByArea,
	matrixRows,
	matrixTotals,
	reportingOrganisations
} from '$lib/server/shelter';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const empty = (v: unknown) => (v === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) =>
	z.preprocess(empty, schema.optional()).catch(undefined);

const filterSchema = z.object({
	organisationId: opt(z.coerce.number().int().positive()),
	activityType: opt(z.enum(ACTIVITY_TYPES)),
	area: opt(z.string().regex(/^KH\d{2,6}$/)),
	status: opt(z.enum(ACTIVITY_STATUSES)),
	reviewState: opt(z.enum(REVIEW_STATES)),
	month: opt(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
	level: z.enum(['province', 'district']).catch('province'),
	page: pageNumber
});

/** The 4W matrix: filters, totals of exactly the rows listed, and households reached by area. */
export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'shelter.read');
	const { response } = await event.parent();
	const db = event.locals.db;
	const { page, level, ...chosen } = filterSchema.parse(Object.fromEntries(event.url.searchParams));
	const f = { responseId: response.id, ...chosen };
	const totals = matrixTotals(db, user, f);
	const query = new URLSearchParams(event.url.searchParams);
	query.delete('page');
	const mapLevel = level === 'district' && levelsWithGeometry(db).includes(2) ? 2 : 1;
	return {
		filter: { ...chosen, level },
		query: query.toString(),
		page,
		pages: Math.max(1, Math.ceil(totals.activities / PAGE_SIZE)),
		rows: matrixRows(db, user, f, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
		totals,
		byArea: matrixByArea(db, user, f, mapLevel === 2 ? 'district' : 'province'),
		shapes: boundaries(db, mapLevel),
		areas: areasUnder(db, response.provinces).filter((a) => a.level <= 2),
		organisations: reportingOrganisations(db, user, response.id),
		canCreate: can(user, 'shelter.activity.create', { organisationId: user.organisationId })
	};
};
