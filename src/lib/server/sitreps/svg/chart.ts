/**
 * Bar charts with d3-scale: horizontal grouped bars (one group per category, one bar per series)
 * and vertical columns stacked by series (d3-shape's stack).
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';
import type { Scene, Shape } from './scene';

export interface BarChartInput {
	title: string;
	categories: { label: string; values: number[] }[];
	series: { label: string; colour: string }[];
	format: (n: number) => string;
	width?: number;
}

const LABEL_WIDTH = 130;
const GROUP_HEIGHT = 30;
const TOP = 28;

export function barChart(input: BarChartInput): Scene {
	const width = input.width ?? 520;
	const height = TOP + Math.max(1, input.categories.length) * GROUP_HEIGHT + 30;
	const max = Math.max(1, ...input.categories.flatMap((c) => c.values));
	const x = scaleLinear()
		.domain([0, max])
		.nice()
		.range([LABEL_WIDTH, width - 60]);
	const y = scaleBand<number>()
		.domain(input.categories.map((_, i) => i))
		.range([TOP, TOP + input.categories.length * GROUP_HEIGHT])
		.padding(0.2);
	const bar = scaleBand<number>()
		.domain(input.series.map((_, i) => i))
		.range([0, y.bandwidth()]);
	const shapes: Shape[] = [];

	// Series key along the top.
	let kx = LABEL_WIDTH;
	input.series.forEach((s) => {
		shapes.push({ kind: 'rect', x: kx, y: 6, w: 10, h: 10, fill: s.colour });
		shapes.push({ kind: 'text', x: kx + 14, y: 15, text: s.label, size: 9 });
		kx += 20 + s.label.length * 6;
	});

	input.categories.forEach((c, i) => {
		const top = y(i) ?? 0;
		shapes.push({
			kind: 'text',
			x: LABEL_WIDTH - 6,
			y: top + y.bandwidth() / 2 + 3,
			text: c.label,
			size: 9,
			anchor: 'end'
		});
		c.values.forEach((v, j) => {
			const by = top + (bar(j) ?? 0);
			const w = x(v) - x(0);
			shapes.push({
				kind: 'rect',
				x: x(0),
				y: by,
				w,
				h: bar.bandwidth() - 1,
				fill: input.series[j].colour
			});
			shapes.push({
				kind: 'text',
				x: x(0) + w + 4,
				y: by + bar.bandwidth() - 3,
				text: input.format(v),
				size: 8
			});
		});
	});

	// The value axis: ticks as light lines with their numbers below.
	const axisY = TOP + input.categories.length * GROUP_HEIGHT + 4;
	for (const t of x.ticks(4)) {
		shapes.push({ kind: 'rect', x: x(t), y: TOP, w: 0.5, h: axisY - TOP, fill: '#c9d1d6' });
		shapes.push({
			kind: 'text',
			x: x(t),
			y: axisY + 12,
			text: input.format(t),
			size: 8,
			anchor: 'middle'
		});
	}
	return { width, height, title: input.title, shapes };
}

export interface StackedColumnsInput {
	title: string;
	/** One column per category (a day), left to right. */
	categories: string[];
	/** One stacked part per series (a crossing point), bottom to top. */
	series: { label: string; colour: string; values: number[] }[];
	format: (n: number) => string;
	width?: number;
}

const COLUMNS_HEIGHT = 200;
const COLUMNS_LEFT = 56;
const COLUMNS_TOP = 10;

/** Vertical columns stacked by series, with the series' key below and a value axis. */
export function stackedColumns(input: StackedColumnsInput): Scene {
	const width = input.width ?? 520;
	const keyRows = Math.ceil(input.series.length / 3);
	const height = COLUMNS_TOP + COLUMNS_HEIGHT + 34 + keyRows * 14;
	const data = input.categories.map((_, i) =>
		Object.fromEntries(input.series.map((s, j) => [j, s.values[i] ?? 0]))
	);
	const layers = stack<Record<number, number>, number>()
		.keys(input.series.map((_, j) => j))
		.value((d, key) => d[key] ?? 0)(data);
	const max = Math.max(1, ...layers.flatMap((l) => l.map(([, top]) => top)));
	const y = scaleLinear()
		.domain([0, max])
		.nice()
		.range([COLUMNS_TOP + COLUMNS_HEIGHT, COLUMNS_TOP]);
	const x = scaleBand<number>()
		.domain(input.categories.map((_, i) => i))
		.range([COLUMNS_LEFT, width - 10])
		.padding(0.15);
	const shapes: Shape[] = [];

	for (const t of y.ticks(4)) {
		shapes.push({
			kind: 'rect',
			x: COLUMNS_LEFT,
			y: y(t),
			w: width - 10 - COLUMNS_LEFT,
			h: 0.5,
			fill: '#c9d1d6'
		});
		shapes.push({
			kind: 'text',
			x: COLUMNS_LEFT - 4,
			y: y(t) + 3,
			text: input.format(t),
			size: 8,
			anchor: 'end'
		});
	}
	layers.forEach((layer, j) => {
		layer.forEach(([bottom, top], i) => {
			if (top <= bottom) return;
			shapes.push({
				kind: 'rect',
				x: x(i) ?? 0,
				y: y(top),
				w: x.bandwidth(),
				h: y(bottom) - y(top),
				fill: input.series[j].colour
			});
		});
	});
	// Category labels, thinned so they never overlap (about 34 px each).
	const every = Math.max(1, Math.ceil(input.categories.length / ((width - COLUMNS_LEFT) / 34)));
	input.categories.forEach((c, i) => {
		if (i % every) return;
		shapes.push({
			kind: 'text',
			x: (x(i) ?? 0) + x.bandwidth() / 2,
			y: COLUMNS_TOP + COLUMNS_HEIGHT + 12,
			text: c,
			size: 7.5,
			anchor: 'middle'
		});
	});
	// The series' key, three to a row.
	input.series.forEach((s, j) => {
		const kx = COLUMNS_LEFT + (j % 3) * ((width - COLUMNS_LEFT) / 3);
		const ky = COLUMNS_TOP + COLUMNS_HEIGHT + 24 + Math.floor(j / 3) * 14;
		shapes.push({ kind: 'rect', x: kx, y: ky, w: 10, h: 10, fill: s.colour });
		shapes.push({ kind: 'text', x: kx + 14, y: ky + 9, text: s.label, size: 8.5 });
	});
	return { width, height, title: input.title, shapes };
}
