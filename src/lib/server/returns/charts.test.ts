import { describe, expect, it } from 'vitest';
import { parseSvg, type SvgElement } from '$lib/server/sitreps/svg/testing';
import { arrivalsCharts } from './charts';

const POINTS = [
	{ id: 1, nameEn: 'Poipet', nameKm: 'ប៉ោយប៉ែត' },
	{ id: 2, nameEn: "O'Smach", nameKm: 'អូរស្មាច់' }
];
const DAILY = [
	{ locationId: 1, date: '2014-06-11', persons: 7_536 },
	{ locationId: 2, date: '2014-06-11', persons: 1_884 },
	{ locationId: 1, date: '2014-06-12', persons: 16_508 },
	{ locationId: 2, date: '2014-06-13', persons: 2_000 }
];

/** Each drawn shape with the hover title inside it, if any. */
function shapes(svg: string) {
	const elements = parseSvg(svg);
	return elements.flatMap((e, i) => {
		if (e.name !== 'rect' && e.name !== 'path' && e.name !== 'text') return [];
		const next: SvgElement | undefined = elements[i + 1];
		return [{ ...e, title: next?.name === 'title' ? next.text : undefined }];
	});
}

const bars = (svg: string) => shapes(svg).filter((s) => s.name === 'rect' && s.title);
const texts = (svg: string) => shapes(svg).filter((s) => s.name === 'text');

describe('the arrivals charts', () => {
	it('draw a bar per point and day that had arrivals, each telling its count, stacked to scale', () => {
		const { daily } = arrivalsCharts(DAILY, POINTS);
		const all = bars(daily);
		expect(all.map((b) => b.title)).toEqual([
			'Poipet, 11 Jun 2014: 7,536',
			'Poipet, 12 Jun 2014: 16,508',
			"O'Smach, 11 Jun 2014: 1,884",
			"O'Smach, 13 Jun 2014: 2,000"
		]);
		const height = (b: (typeof all)[number]) => Number(b.attributes.height);
		expect(height(all[0]) / height(all[2])).toBeCloseTo(7_536 / 1_884, 1);
		expect(height(all[1]) / height(all[3])).toBeCloseTo(16_508 / 2_000, 1);
		// O'Smach's bar of 11 June sits on Poipet's.
		expect(Number(all[2].attributes.y) + height(all[2])).toBeCloseTo(
			Number(all[0].attributes.y),
			1
		);
		// One colour per point, the same in the key, and the running total named there too.
		expect(all[0].attributes.fill).toBe(all[1].attributes.fill);
		expect(all[0].attributes.fill).not.toBe(all[2].attributes.fill);
		expect(texts(daily).map((t) => t.text)).toEqual(
			expect.arrayContaining(['Poipet', "O'Smach", 'Cumulative arrivals'])
		);
	});

	it('read the running total off its own axis, the line ending at the whole count', () => {
		const { daily } = arrivalsCharts(DAILY, POINTS);
		const right = texts(daily).filter((t) => t.attributes['font-weight'] === 'bold');
		expect(right.map((t) => t.text)).toEqual([
			'0',
			'5,000',
			'10,000',
			'15,000',
			'20,000',
			'25,000'
		]);
		const at = (label: string) => Number(right.find((t) => t.text === label)!.attributes.y);
		const perPerson = (at('0') - at('25,000')) / 25_000;
		const line = shapes(daily).find((s) => s.name === 'path')!;
		expect(line.attributes.fill).toBe('none');
		const ys = [...line.attributes.d.matchAll(/,([\d.]+)/g)].map((m) => Number(m[1]));
		// The labels sit 3 units below their tick; the drawing keeps two decimals of a unit.
		const persons = ys.map((y) => (at('0') - 3 - y) / perPerson);
		[9_420, 25_928, 27_928].forEach((n, i) => expect(persons[i]).toBeCloseTo(n, -1));
		expect(line.title).toBe('Cumulative arrivals: 27,928');
	});

	it('stack each point’s running total as an area when cumulative, without bars', () => {
		const { cumulative } = arrivalsCharts(DAILY, POINTS);
		expect(bars(cumulative)).toHaveLength(0);
		expect(
			shapes(cumulative)
				.filter((s) => s.name === 'path')
				.map((p) => p.title)
		).toEqual(['Poipet: 24,044', "O'Smach: 3,884"]);
	});

	it('put the busiest six points in their own colours and the rest together', () => {
		const points = Array.from({ length: 9 }, (_, i) => ({ id: i + 1, nameEn: `Point ${i + 1}` }));
		const daily = points.map((p) => ({ locationId: p.id, date: '2014-06-11', persons: p.id * 10 }));
		const titles = bars(arrivalsCharts(daily, points).daily).map((b) => b.title);
		expect(titles).toEqual([
			'Point 9, 11 Jun 2014: 90',
			'Point 8, 11 Jun 2014: 80',
			'Point 7, 11 Jun 2014: 70',
			'Point 6, 11 Jun 2014: 60',
			'Point 5, 11 Jun 2014: 50',
			'Other crossing points, 11 Jun 2014: 100'
		]);
	});

	it('label the days of a long return in order, further apart in Khmer, whose dates are wider', () => {
		const daily = Array.from({ length: 40 }, (_, i) => ({
			locationId: 1,
			date: new Date(Date.UTC(2014, 5, 1 + i)).toISOString().slice(0, 10),
			persons: 100
		}));
		const gaps = (locale: 'en' | 'km') => {
			const labels = texts(arrivalsCharts(daily, POINTS, locale).daily).filter(
				(t) => t.attributes['text-anchor'] === 'middle'
			);
			const xs = labels.map((l) => Number(l.attributes.x));
			return { first: labels[0].text, count: labels.length, gap: xs[1] - xs[0] };
		};
		const en = gaps('en');
		const km = gaps('km');
		expect(en.first).toBe('1 Jun 2014');
		expect(km.first).toBe('១ មិថុនា ២០១៤');
		// '1 Jun 2014' takes about 40 units at this size, '១ មិថុនា ២០១៤' about 46.
		expect(en.gap).toBeGreaterThanOrEqual(40);
		expect(km.gap).toBeGreaterThanOrEqual(46);
		expect(en.count).toBeGreaterThanOrEqual(4);
	});

	it('speak Khmer on a Khmer page', () => {
		const { daily } = arrivalsCharts(DAILY, POINTS, 'km');
		expect(texts(daily).map((t) => t.text)).toEqual(expect.arrayContaining(['ប៉ោយប៉ែត']));
	});
});
