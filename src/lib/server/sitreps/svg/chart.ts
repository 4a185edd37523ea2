/** Horizontal grouped bar charts with d3-scale: one group per category, one bar per series. */
import { scaleBand, scaleLinear } from 'd3-scale';
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
