/**
 * Charts with d3-scale: horizontal grouped bars (one group per category, one bar per series),
 * vertical columns stacked by series (d3-shape's stack), optionally with the running total as a
 * line, and each series' running total stacked as areas.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { area, line, stack } from 'd3-shape';
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

/** Colour-blind safe (Okabe and Ito), one per series; the rest share grey. */
const SERIES_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'];
const OTHER_COLOUR = '#999999';

export interface StackedSeries {
	label: string;
	colour: string;
	values: number[];
}

/**
 * Series to stack (crossing points, day by day): the busiest in their own colours, the rest
 * summed into one grey series called `other`, so six colours are never asked to tell apart
 * twenty points.
 */
export function busiestFirst(
	all: { label: string; values: number[] }[],
	other: string
): StackedSeries[] {
	const sum = (values: number[]) => values.reduce((t, v) => t + v, 0);
	const ranked = all.map((s) => ({ ...s, total: sum(s.values) })).sort((a, b) => b.total - a.total);
	const own = ranked.length > SERIES_COLOURS.length ? SERIES_COLOURS.length - 1 : ranked.length;
	const series = ranked
		.slice(0, own)
		.map((s, i) => ({ label: s.label, colour: SERIES_COLOURS[i], values: s.values }));
	const rest = ranked.slice(own);
	if (rest.length) {
		series.push({
			label: other,
			colour: OTHER_COLOUR,
			values: rest[0].values.map((_, i) => rest.reduce((t, s) => t + (s.values[i] ?? 0), 0))
		});
	}
	return series;
}

export interface StackedColumnsInput {
	title: string;
	/** One column per category (a day), left to right. */
	categories: string[];
	/** One stacked part per series (a crossing point), bottom to top. */
	series: StackedSeries[];
	format: (n: number) => string;
	width?: number;
	/** Also draw the running total as a line on its own axis at the right, named so in the key. */
	runningTotal?: string;
}

const COLUMNS_HEIGHT = 200;
const COLUMNS_LEFT = 56;
const COLUMNS_TOP = 10;
const TOTAL_COLOUR = '#1d2327';
const CATEGORY_SIZE = 7.5;

/** One entry of a chart's key: a swatch, or a short line for a line drawn. */
interface KeyEntry {
	label: string;
	colour: string;
	line?: boolean;
}

const runningSums = (values: number[]) => {
	let t = 0;
	return values.map((v) => (t += v));
};

/**
 * What stacked columns and stacked areas share: the category axis along the bottom (thinned so
 * labels never overlap), a value axis at the left, and the series' key below, three to a row.
 */
function stackedFrame(input: StackedColumnsInput, layers: [number, number][][], key: KeyEntry[]) {
	const width = input.width ?? 520;
	const right = input.runningTotal ? COLUMNS_LEFT : 10;
	const keyRows = Math.ceil(key.length / 3);
	const height = COLUMNS_TOP + COLUMNS_HEIGHT + 34 + keyRows * 14;
	const max = Math.max(1, ...layers.flatMap((l) => l.map(([, top]) => top)));
	const y = scaleLinear()
		.domain([0, max])
		.nice()
		.range([COLUMNS_TOP + COLUMNS_HEIGHT, COLUMNS_TOP]);
	const x = scaleBand<number>()
		.domain(input.categories.map((_, i) => i))
		.range([COLUMNS_LEFT, width - right])
		.padding(0.15);
	const shapes: Shape[] = [];
	for (const t of y.ticks(4)) {
		shapes.push({
			kind: 'rect',
			x: COLUMNS_LEFT,
			y: y(t),
			w: width - right - COLUMNS_LEFT,
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
	// Thinned so labels never overlap: each given room for its characters (Khmer dates are
	// wider than English ones), counted over the columns' own width.
	const labelRoom = Math.max(...input.categories.map((c) => c.length)) * CATEGORY_SIZE * 0.6 + 6;
	const every = Math.max(
		1,
		Math.ceil(input.categories.length / ((width - right - COLUMNS_LEFT) / labelRoom))
	);
	input.categories.forEach((c, i) => {
		if (i % every) return;
		shapes.push({
			kind: 'text',
			x: (x(i) ?? 0) + x.bandwidth() / 2,
			y: COLUMNS_TOP + COLUMNS_HEIGHT + 12,
			text: c,
			size: CATEGORY_SIZE,
			anchor: 'middle'
		});
	});
	key.forEach((s, j) => {
		const kx = COLUMNS_LEFT + (j % 3) * ((width - COLUMNS_LEFT) / 3);
		const ky = COLUMNS_TOP + COLUMNS_HEIGHT + 24 + Math.floor(j / 3) * 14;
		shapes.push(
			s.line
				? { kind: 'rect', x: kx, y: ky + 4, w: 10, h: 2, fill: s.colour }
				: { kind: 'rect', x: kx, y: ky, w: 10, h: 10, fill: s.colour }
		);
		shapes.push({ kind: 'text', x: kx + 14, y: ky + 9, text: s.label, size: 8.5 });
	});
	return { width, height, right, x, y, shapes };
}

const stackOf = (input: StackedColumnsInput, rows: number[][]) => {
	const data = input.categories.map((_, i) =>
		Object.fromEntries(rows.map((values, j) => [j, values[i] ?? 0]))
	);
	return stack<Record<number, number>, number>()
		.keys(rows.map((_, j) => j))
		.value((d, key) => d[key] ?? 0)(data)
		.map((layer) => layer.map(([bottom, top]) => [bottom, top] as [number, number]));
};

/**
 * Vertical columns stacked by series, with a value axis and the series' key below; with
 * `runningTotal`, the total so far as a line on a second axis at the right.
 */
export function stackedColumns(input: StackedColumnsInput): Scene {
	const layers = stackOf(
		input,
		input.series.map((s) => s.values)
	);
	const key: KeyEntry[] = input.series.map((s) => ({ label: s.label, colour: s.colour }));
	if (input.runningTotal) key.push({ label: input.runningTotal, colour: TOTAL_COLOUR, line: true });
	const { width, height, right, x, y, shapes } = stackedFrame(input, layers, key);
	layers.forEach((layer, j) => {
		layer.forEach(([bottom, top], i) => {
			if (top <= bottom) return;
			shapes.push({
				kind: 'rect',
				x: x(i) ?? 0,
				y: y(top),
				w: x.bandwidth(),
				h: y(bottom) - y(top),
				fill: input.series[j].colour,
				title: `${input.series[j].label}, ${input.categories[i]}: ${input.format(top - bottom)}`
			});
		});
	});
	if (input.runningTotal) {
		const totals = runningSums(input.categories.map((_, i) => layers.at(-1)?.[i][1] ?? 0));
		const yt = scaleLinear()
			.domain([0, Math.max(1, totals.at(-1) ?? 0)])
			.nice()
			.range([COLUMNS_TOP + COLUMNS_HEIGHT, COLUMNS_TOP]);
		for (const t of yt.ticks(4)) {
			shapes.push({
				kind: 'text',
				x: width - right + 4,
				y: yt(t) + 3,
				text: input.format(t),
				size: 8,
				bold: true
			});
		}
		const centre = (i: number) => (x(i) ?? 0) + x.bandwidth() / 2;
		shapes.push({
			kind: 'path',
			d:
				line<number>()
					.x((_, i) => centre(i))
					.y((v) => yt(v))(totals) ?? '',
			fill: 'none',
			stroke: TOTAL_COLOUR,
			strokeWidth: 2,
			title: `${input.runningTotal}: ${input.format(totals.at(-1) ?? 0)}`
		});
	}
	return { width, height, title: input.title, shapes };
}

/** Each series' running total, day by day, stacked as areas: how the whole grew, and from where. */
export function stackedAreas(input: StackedColumnsInput): Scene {
	const running = input.series.map((s) => runningSums(s.values));
	const layers = stackOf(input, running);
	const key = input.series.map((s) => ({ label: s.label, colour: s.colour }));
	const { width, height, x, y, shapes } = stackedFrame(input, layers, key);
	const centre = (i: number) => (x(i) ?? 0) + x.bandwidth() / 2;
	const shape = area<[number, number]>()
		.x((_, i) => centre(i))
		.y0(([bottom]) => y(bottom))
		.y1(([, top]) => y(top));
	layers.forEach((layer, j) => {
		shapes.push({
			kind: 'path',
			d: shape(layer) ?? '',
			fill: input.series[j].colour,
			title: `${input.series[j].label}: ${input.format(running[j].at(-1) ?? 0)}`
		});
	});
	return { width, height, title: input.title, shapes };
}
