import { describe, expect, it } from 'vitest';
import { sitrepFileName } from './sitreps';

const report = {
	responseId: 7,
	responseName: 'Mass return from Thailand, June 2014',
	number: 5,
	// 18:00 UTC on the 14th is 01:00 on the 15th in Cambodia.
	asOf: new Date('2014-06-14T18:00:00Z'),
	status: 'published' as const
};

describe('sitrepFileName', () => {
	it('names the response, the number and the day the report is as of', () => {
		expect(sitrepFileName(report, 'pdf')).toBe(
			'sitrep-mass-return-from-thailand-june-2014-5-2014-06-15.pdf'
		);
	});
	it('takes the day in Cambodia, says a draft is one, and keeps Latin letters only', () => {
		expect(
			sitrepFileName(
				{
					...report,
					responseName: 'Crue du Mékong',
					status: 'draft',
					asOf: new Date('2020-10-20T10:00:00Z')
				},
				'docx'
			)
		).toBe('sitrep-crue-du-mekong-5-2020-10-20-draft.docx');
	});
	it('falls back on the response id for a name without Latin letters', () => {
		expect(sitrepFileName({ ...report, responseName: 'ទឹកជំនន់ ២០២០' }, 'pdf')).toBe(
			'sitrep-response-7-5-2014-06-15.pdf'
		);
	});
});
