/**
 * The query parameters of the JSON API's lists, shared by the routes that read them and the
 * OpenAPI document that describes them (src/lib/server/api/openapi.ts).
 */
import { z } from 'zod';
import { assessmentApiFilters } from './assessments';
import { reconFilters } from './returns';
import { matrixFilterSchema, siteFilterSchema } from './shelter';
import { isoDate, pcode } from './validation';

const limit = z.coerce.number().int().min(1).max(1000).default(100).describe('Rows per page.');
const after = z.coerce
	.number()
	.int()
	.min(0)
	.default(0)
	.describe('The `next` of the previous page; leave out for the first page.');

export const assessmentListQuery = z.object({ ...assessmentApiFilters, limit, after });

export const assessmentPointsQuery = z.object({ ...assessmentApiFilters });

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

export const activityListQuery = matrixFilterSchema.extend({
	limit,
	offset: z.coerce
		.number()
		.int()
		.min(0)
		.default(0)
		.describe('The `next` of the previous page; leave out for the first page.')
});

export const gapsQuery = matrixFilterSchema.extend({
	level: z.enum(['province', 'district']).default('district'),
	asOf: isoDate.optional()
});

export const siteListQuery = siteFilterSchema.extend({
	responseId: z.coerce.number().int().positive(),
	limit,
	after
});
