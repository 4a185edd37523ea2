import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import ArrivalsChart from './ArrivalsChart.svelte';

const POINTS = [
	{ id: 1, name: 'Poipet' },
	{ id: 2, name: "O'Smach" }
];
const DAILY = [
	{ locationId: 1, date: '2014-06-11', persons: 7_536 },
	{ locationId: 2, date: '2014-06-11', persons: 1_884 },
	{ locationId: 1, date: '2014-06-12', persons: 16_508 },
	{ locationId: 2, date: '2014-06-13', persons: 2_000 }
];

function chart(mode: 'daily' | 'cumulative' = 'daily', daily = DAILY) {
	render(ArrivalsChart, {
		daily,
		points: POINTS,
		label: 'Arrivals per day by crossing point',
		cumulativeLabel: 'Total to date',
		mode
	});
	return screen.getByRole('img', { name: 'Arrivals per day by crossing point' });
}

const bars = (svg: Element) =>
	[...svg.querySelectorAll('rect')].map((r) => ({
		title: r.querySelector('title')?.textContent,
		height: Number(r.getAttribute('height')),
		colour: r.parentElement?.getAttribute('fill')
	}));

describe('ArrivalsChart', () => {
	it('draws a bar per point and day, each telling its day and count, stacked to scale', () => {
		const svg = chart();
		const all = bars(svg);
		expect(all.map((b) => b.title)).toEqual([
			'11 Jun 2014: 7,536',
			'12 Jun 2014: 16,508',
			'13 Jun 2014: 0',
			'11 Jun 2014: 1,884',
			'12 Jun 2014: 0',
			'13 Jun 2014: 2,000'
		]);
		// Heights follow the counts: Poipet's 11 June bar is four times O'Smach's.
		expect(all[0].height / all[3].height).toBeCloseTo(7_536 / 1_884, 6);
		expect(all[1].height / all[5].height).toBeCloseTo(16_508 / 2_000, 6);
		expect(all[2].height).toBe(0);
		// One colour per point, the same in the key.
		expect(all[0].colour).toBe(all[1].colour);
		expect(all[0].colour).not.toBe(all[3].colour);
		const key = [...document.querySelectorAll('figcaption .key')];
		expect(key.map((k) => k.textContent)).toEqual(['Poipet', "O'Smach", 'Total to date']);
		expect((key[0].querySelector('i') as HTMLElement).style.background).toBe('rgb(31, 95, 168)');
	});

	it('reads the running total off its own axis, the line ending at the whole count', () => {
		const svg = chart();
		const right = [...svg.querySelectorAll('text.cum')];
		expect(right.map((t) => t.textContent)).toEqual([
			'0',
			'5,000',
			'10,000',
			'15,000',
			'20,000',
			'25,000'
		]);
		// The line's points are the running totals, 7,536 + 1,884 → 25,928 → 27,928, on that axis.
		const at = (label: string) =>
			Number(right.find((t) => t.textContent === label)!.getAttribute('y'));
		const perPerson = (at('0') - at('25,000')) / 25_000;
		const ys = [
			...svg
				.querySelector('path.cumline')!
				.getAttribute('d')!
				.matchAll(/,([\d.]+)/g)
		].map((m) => Number(m[1]));
		expect(ys.map((y) => Math.round((at('0') - y) / perPerson))).toEqual([9_420, 25_928, 27_928]);
	});

	it('stacks each point’s running total as an area when cumulative, without bars', () => {
		const svg = chart('cumulative');
		expect(svg.querySelectorAll('rect')).toHaveLength(0);
		expect([...svg.querySelectorAll('path > title')].map((t) => t.textContent)).toEqual([
			'Poipet',
			"O'Smach"
		]);
		expect([...document.querySelectorAll('figcaption .key')].map((k) => k.textContent)).toEqual([
			'Poipet',
			"O'Smach"
		]);
	});

	it('labels at most eight days under a long return, in order', () => {
		const daily = Array.from({ length: 19 }, (_, i) => ({
			locationId: 1,
			date: `2014-06-${String(7 + i).padStart(2, '0')}`,
			persons: 100
		}));
		const svg = chart('daily', daily);
		const days = [...svg.querySelectorAll('text[text-anchor="middle"]')].map((t) => t.textContent);
		expect(days).toEqual([
			'7 Jun 2014',
			'10 Jun 2014',
			'13 Jun 2014',
			'16 Jun 2014',
			'19 Jun 2014',
			'22 Jun 2014',
			'25 Jun 2014'
		]);
	});
});
