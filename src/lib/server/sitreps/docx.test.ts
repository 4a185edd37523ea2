import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { sectorField } from '$lib/domain/sitreps';
import { sitrepDocx } from './docx';
import { docxParagraphs as paragraphs, publishedSitrepOutput } from './testing';

describe('the sitrep DOCX', () => {
	it('opens as a Word document holding every section, the figures and the Khmer text', async () => {
		const docx = await sitrepDocx(
			await publishedSitrepOutput({
				asOf: '2020-10-20T18:00',
				periodFrom: '2020-10-14',
				periodTo: '2020-10-20',
				highlights: 'Water receding.\nទឹកកំពុងស្រក។',
				overview: 'Flooding since 7 October.',
				contacts: 'hrf@example.org',
				nextReportOn: '2020-10-27',
				[sectorField('protection', 'needs')]: 'Child-friendly spaces',
				[sectorField('protection', 'response')]: 'Two spaces open',
				[sectorField('protection', 'gaps')]: 'None in Pursat'
			})
		);
		const text = await paragraphs(docx);
		expect(text).toEqual(
			expect.arrayContaining([
				'Situation report no. 1',
				'Highlights',
				'Water receding.',
				'ទឹកកំពុងស្រក។',
				'Key figures',
				'Rapid assessments',
				'People affected',
				'117',
				'Rapid assessments by province',
				'Province',
				'Battambang',
				'Situation overview',
				'Protection',
				'Child-friendly spaces',
				'None in Pursat',
				'Contacts',
				'Next report: 27 October 2020'
			])
		);
		expect(text.indexOf('Highlights')).toBeLessThan(text.indexOf('Contacts'));
		const zip = await JSZip.loadAsync(docx);
		expect(await zip.file('word/styles.xml')!.async('string')).toContain('w:cs="Noto Sans Khmer"');
	});
});
