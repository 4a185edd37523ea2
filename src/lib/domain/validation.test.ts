import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assessmentPageFilters } from './assessment-filters';
import { pageNumber, urlChoice, urlFilter } from './validation';

/** A page's filters as its load reads them from the address. */
const fromUrl = <T extends z.ZodType>(schema: T, query: string) =>
	schema.parse(Object.fromEntries(new URLSearchParams(query)));

describe('filters read from a page URL', () => {
	const schema = z.object({
		...assessmentPageFilters,
		organisationId: urlFilter(z.coerce.number().int().positive()),
		review: urlChoice(['validated', 'all'] as const, 'validated'),
		page: pageNumber
	});

	it('reads the values a page links to', () => {
		expect(
			fromUrl(
				schema,
				'area=kh0102&from=2026-10-01&to=2026-10-31&access=boat_only&organisationId=7&review=all&page=3'
			)
		).toEqual({
			area: 'KH0102',
			from: '2026-10-01',
			to: '2026-10-31',
			access: 'boat_only',
			organisationId: 7,
			review: 'all',
			page: 3
		});
	});

	it('treats a blank field as unset and drops what it cannot read, never failing', () => {
		expect(fromUrl(schema, 'area=&from=&access=&organisationId=&review=&page=')).toEqual({
			review: 'validated',
			page: 1
		});
		expect(
			fromUrl(
				schema,
				'area=Battambang&from=2026-02-30&to=yesterday&access=by_air&organisationId=-1&review=some&page=x'
			)
		).toEqual({ review: 'validated', page: 1 });
	});
});
