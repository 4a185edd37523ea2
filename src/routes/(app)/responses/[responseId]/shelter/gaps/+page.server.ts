import { z } from 'zod';
import { ACTIVITY_TYPES, REVIEW_STATES } from '$lib/domain/shelter';
import { authorize } from '$lib/server/auth/guard';
import { gapsByArea, listCatalogue } from '$lib/server/shelter';
import type { PageServerLoad } from './$types';

const empty = (v: unknown) => (v === '' ? undefined : v);
const filterSchema = z.object({
	level: z.enum(['province', 'district']).catch('district'),
	activityType: z.preprocess(empty, z.enum(ACTIVITY_TYPES).optional()).catch(undefined),
	reviewState: z.preprocess(empty, z.enum(REVIEW_STATES).optional()).catch(undefined)
});

/** People in need against people reached, and NFI against the standard, per area. */
export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'shelter.read');
	const { response } = await event.parent();
	const { level, ...chosen } = filterSchema.parse(Object.fromEntries(event.url.searchParams));
	const db = event.locals.db;
	return {
		filter: { level, ...chosen },
		gaps: gapsByArea(db, user, { responseId: response.id, ...chosen }, level),
		catalogue: listCatalogue(db).filter((c) => c.kind === 'item' && c.standardQty > 0)
	};
};
