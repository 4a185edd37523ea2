/**
 * The query parameters of the JSON API's lists, shared by the routes that read them and the
 * OpenAPI document that describes them (src/lib/server/api/openapi.ts).
 *
 * Every list of records pages the same way: `limit` rows at most, in the order the records were
 * made (an id that never changes), and `next`, an opaque cursor to send back as `cursor`.
 * Lists refuse parameters they do not know: a client still sending `offset` or `after` would
 * otherwise get the first page again and again.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { assessmentApiFilters } from './assessments';
import { reconFilters } from './returns';
import { matrixFilterSchema, siteFilterSchema } from './shelter';
import { isoDate, pcode } from './validation';

export const MAX_PAGE = 1000;

const limitError = () => m.error_api_limit({ max: MAX_PAGE });

/** The page parameters of every list. */
export const pageParams = {
	limit: z.coerce
		.number({ error: limitError })
		.int({ error: limitError })
		.min(1, { error: limitError })
		.max(MAX_PAGE, { error: limitError })
		.default(100)
		.describe('Rows per page.'),
	cursor: z
		.string()
		.max(200, { error: () => m.error_api_cursor() })
		.optional()
		.describe('The `next` of the previous page; leave out for the first page.')
};

export const responseListQuery = z.strictObject({ ...pageParams });

export const assessmentListQuery = z.strictObject({ ...assessmentApiFilters, ...pageParams });

export const assessmentPointsQuery = z.object({
	...assessmentApiFilters,
	version: z
		.string()
		.max(100)
		.optional()
		.describe(
			'The version the map page was given: while it is current, the answer may be kept without asking again.'
		)
});

export const assessmentTotalsQuery = z.object({
	...assessmentApiFilters,
	level: z.enum(['province', 'district']).default('province')
});

export const boundariesQuery = z.object({
	level: z.coerce.number().int().min(1).max(3).describe('1 province, 2 district, 3 commune.'),
	parent: pcode.optional().describe('Only the areas inside this one.')
});

export const arrivalsQuery = reconFilters.pick({ from: true, to: true });

export const reconciliationQuery = reconFilters;

export const activityListQuery = matrixFilterSchema.extend(pageParams).strict();

export const gapsQuery = matrixFilterSchema.extend({
	level: z.enum(['province', 'district']).default('district'),
	asOf: isoDate.optional()
});

export const siteListQuery = siteFilterSchema
	.extend({ responseId: z.coerce.number().int().positive(), ...pageParams })
	.strict();
