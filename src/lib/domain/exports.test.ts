import { describe, expect, it } from 'vitest';
import { exportHref, filterQuery } from './exports';

describe('export links', () => {
	it('carry the page’s filters without empty fields or paging, the route’s params first', () => {
		expect(
			exportHref('assessments', 'csv', 'area=KH02&from=&page=3&access=road', { responseId: 2 })
		).toBe('/api/v1/export/assessments.csv?responseId=2&area=KH02&access=road');
		expect(exportHref('audit', 'xlsx', '')).toBe('/api/v1/export/audit.xlsx');
		// A responseId in the query cannot point the export at another response than the page's.
		expect(exportHref('assessments', 'geojson', 'responseId=9', { responseId: 2 })).toBe(
			'/api/v1/export/assessments.geojson?responseId=2'
		);
	});

	it('write parsed filters as the API reads them', () => {
		expect(
			filterQuery({ area: 'KH02', from: undefined, flagged: true, organisationId: 4, to: null })
		).toBe('area=KH02&flagged=1&organisationId=4');
		expect(filterQuery({ flagged: false })).toBe('');
	});
});
