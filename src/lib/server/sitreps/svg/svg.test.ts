import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { barChart } from './chart';
import { choroplethMap, niceLength, windForD3 } from './map';
import { toSvg } from './scene';
import { parseSvg as parse } from './testing';

// Counter-clockwise, as GeoJSON files have them.
const box = (lon: number, lat: number, d: number): Polygon => ({
	type: 'Polygon',
	coordinates: [
		[
			[lon - d, lat - d],
			[lon + d, lat - d],
			[lon + d, lat + d],
			[lon - d, lat + d],
			[lon - d, lat - d]
		]
	]
});

const format = (n: number) => String(n);

describe('the province map', () => {
	const svg = toSvg(
		choroplethMap({
			title: 'People affected <by> province',
			areas: [
				{ pcode: 'KH01', name: 'Banteay Meanchey', geometry: box(103, 13.7, 0.4) },
				{ pcode: 'KH02', name: 'Battambang', geometry: box(103, 12.9, 0.4) },
				{ pcode: 'KH12', name: 'Phnom Penh', geometry: box(104.9, 11.55, 0.2) }
			],
			values: { KH01: 100, KH02: 5000 },
			points: { KH02: 800 },
			legendTitle: 'People affected',
			pointsTitle: 'Displaced',
			noDataLabel: 'None reported',
			format
		})
	);
	const elements = parse(svg);

	it('shades each province inside the drawing, darker where more people are affected', () => {
		const paths = elements.filter((e) => e.name === 'path');
		expect(paths).toHaveLength(3);
		const [bmc, btb, pp] = paths.map((p) => p.attributes.fill);
		expect(btb).toBe('#08519c');
		expect(bmc).not.toBe(btb);
		expect(pp).toBe('#d9d9d9');
		// Each shape is its province, not the globe around it: Phnom Penh is the smallest.
		const widths = paths.map((p) => {
			const xs = p.attributes.d
				.match(/-?\d+(\.\d+)?/g)!
				.map(Number)
				.filter((_, i) => i % 2 === 0);
			for (const x of xs) expect(x).toBeGreaterThanOrEqual(0);
			for (const x of xs) expect(x).toBeLessThanOrEqual(370);
			return Math.max(...xs) - Math.min(...xs);
		});
		expect(widths[2]).toBeLessThan(widths[1] * 0.7);
		expect(widths[1]).toBeGreaterThan(20);
	});

	it('has a point, a legend with the no-data class, a scale bar and an escaped title', () => {
		expect(elements.filter((e) => e.name === 'circle').length).toBe(2);
		const texts = elements.filter((e) => e.name === 'text').map((e) => e.text);
		expect(texts).toContain('People affected');
		expect(texts).toContain('None reported');
		expect(texts.some((t) => /^\d+ km$/.test(t))).toBe(true);
		expect(elements.find((e) => e.name === 'title')?.text).toBe('People affected <by> province');
	});

	it('puts the scale bar just under the provinces, at their left edge', () => {
		const points = elements
			.filter((e) => e.name === 'path')
			.flatMap((p) => p.attributes.d.match(/-?\d+(\.\d+)?/g)!.map(Number));
		const xs = points.filter((_, i) => i % 2 === 0);
		const ys = points.filter((_, i) => i % 2 === 1);
		const bar = elements.find((e) => e.name === 'rect' && e.attributes.height === '4')!;
		expect(Number(bar.attributes.x)).toBeCloseTo(Math.min(...xs), 0);
		const gap = Number(bar.attributes.y) - Math.max(...ys);
		expect(gap).toBeGreaterThan(0);
		expect(gap).toBeLessThanOrEqual(10);
	});

	it('rewinds GeoJSON rings for d3 both ways round', () => {
		const ring = windForD3(box(0, 0, 1)) as Polygon;
		expect(ring.coordinates[0][1]).toEqual([-1, 1]);
		expect(windForD3(ring)).toEqual(ring);
	});

	it('rounds scale bar lengths to 1, 2 or 5 × 10ⁿ', () => {
		expect([niceLength(7), niceLength(180), niceLength(0.3)]).toEqual([5, 100, 0.2]);
	});
});

describe('the bar chart', () => {
	it('draws one bar per value, longer for larger values, with category labels', () => {
		const svg = toSvg(
			barChart({
				title: 'By province',
				categories: [
					{ label: 'Battambang', values: [5000, 800] },
					{ label: 'ពោធិ៍សាត់', values: [1000, 0] }
				],
				series: [
					{ label: 'Affected', colour: '#3182bd' },
					{ label: 'Displaced', colour: '#f4a259' }
				],
				format
			})
		);
		const elements = parse(svg);
		const bars = elements.filter(
			(e) => e.name === 'rect' && e.attributes.fill === '#3182bd' && Number(e.attributes.y) > 20
		);
		expect(bars).toHaveLength(2);
		expect(Number(bars[0].attributes.width)).toBeGreaterThan(4 * Number(bars[1].attributes.width));
		expect(elements.map((e) => e.text)).toEqual(expect.arrayContaining(['Battambang', 'ពោធិ៍សាត់']));
	});
});
