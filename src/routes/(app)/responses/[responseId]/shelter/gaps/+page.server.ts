import { z } from 'zod';
import { todayInCambodia } from '$lib/domain/dates';
import { urlChoice, urlFilter } from '$lib/domain/validation';
import { ACTIVITY_TYPES, DEFAULT_REVIEW_FILTER, REVIEW_FILTERS } from '$lib/domain/shelter';
import { authorize } from '$lib/server/auth/guard';
import { gapsByArea } from '$lib/server/shelter';
import type { PageServerLoad } from './$types';

const filterSchema = z.object({
	level: z.enum(['province', 'district']).catch('district'),
	asOf: urlFilter(z.iso.date()),
	activityType: urlFilter(z.enum(ACTIVITY_TYPES)),
	reviewState: urlChoice(REVIEW_FILTERS, DEFAULT_REVIEW_FILTER)
});

/**
 * People in need against people reached, and NFI against the standard, per area on the as-of
 * day; validated 4W rows unless the reader picks another review state.
 */
export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'shelter.read');
	const { response } = await event.parent();
	const { level, asOf, ...chosen } = filterSchema.parse(Object.fromEntries(event.url.searchParams));
	const day = asOf ?? todayInCambodia();
	return {
		filter: { level, asOf: day, ...chosen },
		gaps: await gapsByArea(
			event.locals.db,
			user,
			{ responseId: response.id, ...chosen, asOf: day },
			level
		)
	};
};
