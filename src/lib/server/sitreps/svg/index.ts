/** The sitrep's map and chart, drawn from its key figures and the provinces' shapes. */
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { Geometry } from 'geojson';
import type { Db } from '$lib/server/db';
import { boundaries } from '$lib/server/places/geo';
import type { KeyFigure } from '../figures';
import { barChart } from './chart';
import { choroplethMap } from './map';
import { toSvg, type Scene } from './scene';

export { toSvg, type Scene, type Shape } from './scene';

type Locale = 'en' | 'km';

/** Per province, from the figures keyed `assessments.{affected|displaced}.{KHnn}`. */
function byProvince(figures: KeyFigure[], measure: 'affected' | 'displaced') {
	const out: Record<string, number> = {};
	const pattern = new RegExp(`^assessments\\.${measure}\\.(KH\\d{2})$`);
	for (const f of figures) {
		const match = pattern.exec(f.key);
		if (match) out[match[1]] = f.value;
	}
	return out;
}

export function sitrepScenes(
	db: Db,
	figures: KeyFigure[],
	locale: Locale = getLocale()
): { map: Scene; chart: Scene } {
	const options = { locale };
	const numbers = new Intl.NumberFormat(locale === 'km' ? 'km-KH-u-nu-khmr' : 'en-GB');
	const format = (n: number) => numbers.format(n);
	const provinces = boundaries(db, 1).features;
	const name = (p: { nameEn: string; nameKm: string }) => (locale === 'km' ? p.nameKm : p.nameEn);
	const affected = byProvince(figures, 'affected');
	const displaced = byProvince(figures, 'displaced');
	const map = choroplethMap({
		title: m.sitrep_map_title({}, options),
		areas: provinces.map((f) => ({
			pcode: f.properties.pcode,
			name: name(f.properties),
			geometry: f.geometry as Geometry
		})),
		values: affected,
		points: displaced,
		legendTitle: m.sitrep_legend_affected({}, options),
		pointsTitle: m.sitrep_legend_displaced({}, options),
		noDataLabel: m.sitrep_legend_none({}, options),
		format
	});
	const names = new Map(provinces.map((f) => [f.properties.pcode, name(f.properties)]));
	const chart = barChart({
		title: m.sitrep_chart_title({}, options),
		categories: Object.keys(affected)
			.sort((a, b) => affected[b] - affected[a])
			.map((pcode) => ({
				label: names.get(pcode) ?? pcode,
				values: [affected[pcode], displaced[pcode] ?? 0]
			})),
		series: [
			{ label: m.sitrep_legend_affected({}, options), colour: '#3182bd' },
			{ label: m.sitrep_legend_displaced({}, options), colour: '#f4a259' }
		],
		format
	});
	return { map, chart };
}

/** The same, as SVG documents for a page. */
export function sitrepGraphics(db: Db, figures: KeyFigure[], locale?: Locale) {
	const { map, chart } = sitrepScenes(db, figures, locale);
	return { map: toSvg(map), chart: toSvg(chart) };
}
