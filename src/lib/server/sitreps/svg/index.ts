/**
 * The sitrep's maps and charts, drawn from its key figures (so a published report draws what it
 * froze) and the provinces' shapes. Each section draws what its figures hold: a mass return its
 * returnees by destination province and by crossing point and day; assessments their people
 * affected and displaced by province. A section without such figures draws nothing.
 */
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { Geometry } from 'geojson';
import { tableValues, type KeyFigure, type Label } from '$lib/domain/figures';
import { formatNumber } from '$lib/format';
import type { Db } from '$lib/server/db';
import { collectionCredit } from '$lib/domain/credits';
import { boundaries } from '$lib/server/places/geo';
import { barChart, busiestFirst, stackedColumns } from './chart';
import { choroplethMap } from './map';
import { toSvg, type Scene } from './scene';

export type { Scene } from './scene';

type Locale = 'en' | 'km';

export interface SitrepGraphic {
	section: string;
	title: string;
	scene: Scene;
}

/** One column of a breakdown as P-code → value. */
function column(figures: KeyFigure[], table: string, key: string): Record<string, number> {
	const out: Record<string, number> = {};
	for (const [row, values] of tableValues(figures, table)) {
		const v = values.get(key);
		if (v !== undefined) out[row] = v;
	}
	return out;
}

/** Reports published before breakdowns keyed their provinces `assessments.{measure}.{KHnn}`. */
function legacyByProvince(figures: KeyFigure[], measure: 'affected' | 'displaced') {
	const out: Record<string, number> = {};
	const pattern = new RegExp(`^assessments\\.${measure}\\.(KH\\d{2})$`);
	for (const f of figures) {
		const match = pattern.exec(f.key);
		if (match) out[match[1]] = f.value;
	}
	return out;
}

export async function sitrepScenes(
	db: Db,
	figures: KeyFigure[],
	locale: Locale = getLocale()
): Promise<SitrepGraphic[]> {
	const options = { locale };
	const format = (n: number) => formatNumber(n, { locale });
	const text = (l: Label) => (locale === 'km' ? l.km : l.en);
	const provinces = (await boundaries(db, 1)).features;
	const credit = collectionCredit({ features: provinces });
	const name = (p: { nameEn: string; nameKm: string }) => (locale === 'km' ? p.nameKm : p.nameEn);
	const areas = provinces.map((f) => ({
		pcode: f.properties.pcode,
		name: name(f.properties),
		geometry: f.geometry as Geometry
	}));
	const names = new Map(areas.map((a) => [a.pcode, a.name]));
	const out: SitrepGraphic[] = [];
	const map = (
		section: string,
		title: string,
		values: Record<string, number>,
		points: Record<string, number>,
		legendTitle: string,
		pointsTitle: string
	) =>
		out.push({
			section,
			title,
			scene: choroplethMap({
				title,
				areas,
				values,
				points,
				legendTitle,
				pointsTitle,
				noDataLabel: m.sitrep_legend_none({}, options),
				format,
				credit
			})
		});

	const crossed = column(figures, 'returns.by-destination', 'crossed');
	if (Object.keys(crossed).length) {
		map(
			'returns',
			m.sitrep_map_arrivals_title({}, options),
			crossed,
			column(figures, 'returns.by-destination', 'arrived'),
			m.sitrep_legend_crossed({}, options),
			m.sitrep_legend_arrived({}, options)
		);
	}
	const daily = figures.flatMap((f) =>
		f.cell?.table.key === 'returns.by-point-day' ? [{ ...f.cell, value: f.value }] : []
	);
	if (daily.length) {
		const days = [...new Map(daily.map((c) => [c.row.key, c.row])).values()].sort((a, b) =>
			a.key.localeCompare(b.key)
		);
		const points = [...new Map(daily.map((c) => [c.column.key, c.column])).values()];
		const values = tableValues(figures, 'returns.by-point-day');
		const series = busiestFirst(
			points.map((p) => ({
				label: text(p),
				values: days.map((d) => values.get(d.key)?.get(p.key) ?? 0)
			})),
			m.sitrep_chart_other_points({}, options)
		);
		const title = m.sitrep_table_by_point_day({}, options);
		out.push({
			section: 'returns',
			title,
			scene: stackedColumns({ title, categories: days.map(text), series, format })
		});
	}

	const table = 'assessments.by-province';
	const hasTable = figures.some((f) => f.cell?.table.key === table);
	const affected = hasTable
		? column(figures, table, 'affected')
		: legacyByProvince(figures, 'affected');
	const displaced = hasTable
		? column(figures, table, 'displaced')
		: legacyByProvince(figures, 'displaced');
	if (Object.keys(affected).length) {
		map(
			'assessments',
			m.sitrep_map_title({}, options),
			affected,
			displaced,
			m.sitrep_legend_affected({}, options),
			m.sitrep_legend_displaced({}, options)
		);
		const title = m.sitrep_chart_title({}, options);
		out.push({
			section: 'assessments',
			title,
			scene: barChart({
				title,
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
			})
		});
	}
	return out;
}

/** The same, as SVG documents for a page. */
export async function sitrepGraphics(db: Db, figures: KeyFigure[], locale?: Locale) {
	return (await sitrepScenes(db, figures, locale)).map((g) => ({
		section: g.section,
		title: g.title,
		svg: toSvg(g.scene)
	}));
}
