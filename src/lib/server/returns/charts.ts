/**
 * The arrivals dashboard's two charts, drawn on the server as the sitrep draws its own (the same
 * stacked columns, colours and grouping of the quieter crossing points), so the page carries
 * SVG and no charting code: per day by crossing point with the running total, and each point's
 * running total stacked.
 */
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { formatDay, formatNumber, localName, type Locale } from '$lib/format';
import { busiestFirst, stackedAreas, stackedColumns } from '$lib/server/sitreps/svg/chart';
import { toSvg } from '$lib/server/sitreps/svg/scene';
import { DrawnCache } from '$lib/server/drawn';

type Daily = { locationId: number; date: string; persons: number }[];
type Points = { id: number; nameEn: string; nameKm?: string | null }[];
type Charts = { daily: string; cumulative: string };

/** Drawn per figures and language: every reader of an unchanged dashboard gets the same SVG. */
const drawn = new DrawnCache<Charts>(32);

export function arrivalsCharts(daily: Daily, points: Points, locale: Locale = getLocale()): Charts {
	const input = {
		daily: daily.map((d) => [d.locationId, d.date, d.persons]),
		points: points.map((p) => [p.id, p.nameEn, p.nameKm ?? null]),
		locale
	};
	return drawn.get(input, () => draw(daily, points, locale));
}

function draw(daily: Daily, points: Points, locale: Locale): Charts {
	const options = { locale };
	const days = [...new Set(daily.map((d) => d.date))].sort();
	const dayIndex = new Map(days.map((d, i) => [d, i]));
	const perPoint = new Map(points.map((p) => [p.id, days.map(() => 0)]));
	for (const d of daily) {
		const values = perPoint.get(d.locationId);
		if (values) values[dayIndex.get(d.date) ?? 0] += d.persons;
	}
	const series = busiestFirst(
		points.map((p) => ({ label: localName(p, locale), values: perPoint.get(p.id) ?? [] })),
		m.sitrep_chart_other_points({}, options)
	);
	const input = {
		// Narrower than the sitrep's 520 units, so the text still reads on a phone's width.
		width: 400,
		categories: days.map((d) => formatDay(d, 'medium', locale)),
		series,
		format: (n: number) => formatNumber(n, { locale })
	};
	return {
		daily: toSvg(
			stackedColumns({
				...input,
				title: m.ret_dash_daily({}, options),
				runningTotal: m.ret_dash_cumulative({}, options)
			})
		),
		cumulative: toSvg(stackedAreas({ ...input, title: m.ret_dash_cumulative({}, options) }))
	};
}
