/**
 * Colour scales for choropleths (areas shaded by a value) and their legends. Pure: the scale
 * gives a colour per value, a MapLibre expression keyed by P-code, and the legend's rows.
 */
import { scaleQuantize } from 'd3-scale';
import type { ExpressionSpecification } from 'maplibre-gl';

/** Five light-to-dark blues (ColorBrewer "Blues"), readable with colour-blindness. */
export const SEQUENTIAL = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
export const NO_DATA_COLOUR = '#d9d9d9';

export interface LegendItem {
	colour: string;
	/** The class's range, formatted by the caller's `format`, or the "no data" label. */
	label: string;
}

export interface ColourScale {
	/** The colour of a value; null/undefined/NaN get the "no data" colour. */
	colourOf(value: number | null | undefined): string;
	/** Class boundaries: class i holds values from breaks[i] up to (not including) breaks[i+1]. */
	breaks: number[];
	colours: string[];
	noData: string;
	legend(format: (n: number) => string, noDataLabel: string): LegendItem[];
}

const hasValue = (v: number | null | undefined): v is number =>
	typeof v === 'number' && Number.isFinite(v);

/**
 * Equal-width classes over 0 (or the minimum, when negative) to the maximum, with round
 * boundaries. With no value at all every area is "no data".
 */
export function colourScale(
	values: Iterable<number | null | undefined>,
	options: { colours?: string[]; noData?: string } = {}
): ColourScale {
	const colours = options.colours ?? SEQUENTIAL;
	const noData = options.noData ?? NO_DATA_COLOUR;
	const present = [...values].filter(hasValue);
	const min = Math.min(0, ...present);
	const max = present.length ? Math.max(...present) : 0;
	const scale = scaleQuantize<string>()
		.domain([min, max > min ? max : min + 1])
		.nice(colours.length)
		.range(colours);
	const [lo, hi] = scale.domain();
	const breaks = [lo, ...scale.thresholds(), hi];
	return {
		breaks,
		colours,
		noData,
		colourOf: (v) => (hasValue(v) ? scale(v) : noData),
		legend: (format, noDataLabel) => [
			...colours.map((colour, i) => ({
				colour,
				label: `${format(breaks[i])} – ${format(breaks[i + 1])}`
			})),
			{ colour: noData, label: noDataLabel }
		]
	};
}

/**
 * A `fill-color` expression giving each area the colour of its value, looked up by the feature
 * property `pcode` (or another), and the "no data" colour for areas without one.
 */
export function colourByPcode(
	values: Record<string, number | null | undefined>,
	scale: ColourScale,
	property = 'pcode'
): ExpressionSpecification | string {
	const pairs = Object.entries(values).flatMap(([pcode, v]) => [pcode, scale.colourOf(v)]);
	if (pairs.length === 0) return scale.noData;
	return ['match', ['get', property], ...pairs, scale.noData] as unknown as ExpressionSpecification;
}
