import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SitrepInput } from '$lib/domain/sitreps';
import { sitrepDocx } from './docx';
import { sitrepPdf, type SitrepOutput } from './pdf';
import { docxParagraphs, publishedSitrepOutput, returnSitrepOutput } from './testing';

const INPUT: SitrepInput = {
	asOf: '2014-06-14T20:00',
	periodFrom: '2014-06-12',
	periodTo: '2014-06-14',
	highlights: 'Arrivals peak at Poipet.',
	overview: 'Overview',
	contacts: 'hrf@example.org',
	nextReportOn: '2014-06-16',
	protection_needs: 'Screening',
	protection_response: 'Two desks',
	protection_gaps: "None at O'Smach"
};

const fills = (shapes: { kind: string; fill?: string }[], kind: string) =>
	new Set(shapes.filter((s) => s.kind === kind).map((s) => s.fill));

describe('a mass return’s sitrep', () => {
	let output: SitrepOutput;
	beforeAll(async () => {
		output = await returnSitrepOutput(INPUT);
	});

	it('holds the return’s figures and draws arrivals, not an empty assessments map', () => {
		expect(new Set(output.figures.map((f) => f.section))).toEqual(new Set(['returns']));
		const [map, chart] = output.scenes;
		expect(output.scenes.map((g) => [g.section, g.title])).toEqual([
			['returns', 'Returnees by destination province'],
			['returns', 'Returnees by crossing point and day']
		]);
		// Battambang and Kampong Cham (180 crossed each) and Prey Veng (90) shaded apart from the
		// grey of the provinces nobody is going to.
		expect(fills(map.scene.shapes, 'path').size).toBeGreaterThanOrEqual(3);
		const legend = map.scene.shapes.filter((s) => s.kind === 'text').map((s) => s.text);
		expect(legend).toContain('Returnees (crossed)');
		expect(legend).toContain('Confirmed arrived home');
		// One column a day, Poipet and O'Smach stacked in their colours, with the days below.
		const bars = chart.scene.shapes.filter((s) => s.kind === 'rect' && s.h > 1 && s.w > 5);
		expect(fills(bars, 'rect')).toEqual(new Set(['#0072b2', '#e69f00']));
		const labels = chart.scene.shapes.filter((s) => s.kind === 'text').map((s) => s.text);
		expect(labels).toEqual(
			expect.arrayContaining(['12 Jun 2014', '14 Jun 2014', 'Poipet', "O'Smach"])
		);
	});

	it('prints them in the PDF: arrivals by point and day, destinations, vulnerable groups', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-return-'));
		const file = join(dir, 'return.pdf');
		writeFileSync(file, await sitrepPdf(output));
		const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		expect(text).toMatch(/Returnees who crossed to date\s+500/);
		expect(text).toMatch(/People transported towards their home province\s+80/);
		expect(text).toMatch(/People confirmed arrived home\s+39/);
		expect(text).toMatch(/Unaccompanied children\s+5/);
		expect(text).toMatch(/Referred for health care\s+15/);
		expect(text).toMatch(/Battambang\s+180\s+40\s+39/);
		expect(text).toMatch(/Prey Veng\s+90\s+40\s+0/);
		expect(text).toMatch(/12 Jun 2014\s+100\s+–/);
		expect(text).toMatch(/13 Jun 2014\s+100\s+100/);
		expect(text).toContain('Returnees by sex and age');
		expect(text).not.toContain('People affected');
	});

	it('writes them as tables in the DOCX', async () => {
		const text = await docxParagraphs(await sitrepDocx(output));
		expect(text).toEqual(
			expect.arrayContaining([
				'Mass return',
				'Returnees who crossed to date',
				'500',
				'Returnees by crossing point and day',
				'Day',
				'13 Jun 2014',
				'Returnees by destination province: crossed, dispatched and arrived',
				'Battambang',
				'Returnees by sex and age',
				'18–59',
				'Referred as suspected victims of trafficking'
			])
		);
		expect(text).not.toContain('People affected');
	});
});

describe('a flood’s sitrep', () => {
	it('keeps the assessments’ map and chart', async () => {
		const output = await publishedSitrepOutput({
			...INPUT,
			asOf: '2020-10-20T18:00',
			periodFrom: '2020-10-14',
			periodTo: '2020-10-20',
			nextReportOn: '2020-10-27'
		});
		expect(output.scenes.map((g) => [g.section, g.title])).toEqual([
			['assessments', 'People affected by province'],
			['assessments', 'People affected and displaced by province']
		]);
	});
});
