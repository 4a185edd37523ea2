/**
 * The arrivals dashboard's two charts, drawn on the server as the sitrep draws its own (the same
 * stacked columns, colours and grouping of the quieter crossing points), so the page carries
 * SVG and no charting code: per day by crossing point with the running total, and each point's
 * running total stacked.
 *
 * The page's data carries only a link to each (`arrivalsChartLinks`, a `DrawnLink`): the server
 * puts the SVG into the page's HTML once (`withDrawings`), and a page the browser makes itself
 * (a filter changed, a link followed) fetches it from the link, the dashboard's `chart.svg`,
 * whose address names the response, the filter, the language and the figures' key, so the
 * browser keeps it until the figures change.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { formatDay, formatNumber, localName, type Locale } from '$lib/format';
import { busiestFirst, stackedAreas, stackedColumns } from '$lib/server/sitreps/svg/chart';
import { toSvg } from '$lib/server/sitreps/svg/scene';
import { DrawnCache, drawnLink, type DrawnLink, type Drawing } from '$lib/server/drawn';
import type { Db } from '$lib/server/db';
import { arrivalsByDay, type DashboardFilter } from './dashboard';

type Daily = { locationId: number; date: string; persons: number }[];
type Points = { id: number; nameEn: string; nameKm?: string | null }[];
export const CHART_KINDS = ['daily', 'cumulative'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];
type Charts = Record<ChartKind, string>;

/** Drawn per figures and language: every reader of an unchanged dashboard gets the same SVG. */
const drawn = new DrawnCache<Charts>(32);

/** Everything the charts are drawn from, as their key is made of it. */
const inputOf = (daily: Daily, points: Points, locale: Locale) => ({
	daily: daily.map((d) => [d.locationId, d.date, d.persons]),
	points: points.map((p) => [p.id, p.nameEn, p.nameKm ?? null]),
	locale
});

export function arrivalsCharts(daily: Daily, points: Points, locale: Locale = getLocale()): Charts {
	return drawn.get(inputOf(daily, points, locale), () => draw(daily, points, locale));
}

/** The dashboard's chart of a response: `/responses/1/returns/chart.svg?chart=daily&…`. */
const chartPath = (responseId: number) => `/responses/${responseId}/returns/chart.svg`;
const CHART_PATH = /^\/responses\/(\d+)\/returns\/chart\.svg$/;

const titleOf = (chart: ChartKind, locale: Locale) =>
	chart === 'daily' ? m.ret_dash_daily({}, { locale }) : m.ret_dash_cumulative({}, { locale });

/**
 * The dashboard's links to its two charts, drawn from the figures it read (kept for
 * `withDrawings` to put into the page's HTML). Each address holds the figures' key, so it names
 * one picture for good.
 */
export function arrivalsChartLinks(
	responseId: number,
	filter: DashboardFilter,
	daily: Daily,
	points: Points,
	locale: Locale = getLocale()
): Record<ChartKind, DrawnLink> {
	const key = DrawnCache.keyOf(inputOf(daily, points, locale));
	const charts = drawn.getKeyed(key, () => draw(daily, points, locale));
	const link = (chart: ChartKind) => {
		const q = new URLSearchParams({ chart, lang: locale });
		if (filter.from) q.set('from', filter.from);
		if (filter.to) q.set('to', filter.to);
		q.set('v', key);
		return drawnLink(`${chartPath(responseId)}?${q}`, titleOf(chart, locale), charts[chart]);
	};
	return { daily: link('daily'), cumulative: link('cumulative') };
}

const chartRequest = z.object({
	chart: z.enum(CHART_KINDS),
	lang: z.enum(['en', 'km']),
	// As the dashboard reads its filter: whatever the address says, as text.
	from: z.string().max(40).optional(),
	to: z.string().max(40).optional(),
	v: z.string().max(100).optional()
});

/** The response a chart's address names, or null when it names none. */
export function chartResponseId(url: URL): number | null {
	const id = Number(CHART_PATH.exec(url.pathname)?.[1]);
	return Number.isSafeInteger(id) ? id : null;
}

/**
 * The chart an address (`arrivalsChartLinks`) names, drawn from the response's figures today:
 * its ETag is the figures' key, and the address names it for good when it holds that key (the
 * figures have not changed since the page linked to it). Null for an address no link makes.
 * Whether the reader may see the response is the caller's to check (the route, `redraw`).
 */
export async function chartAt(db: Db, responseId: number, url: URL): Promise<Drawing | null> {
	const parsed = chartRequest.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) return null;
	const { chart, lang, from, to, v } = parsed.data;
	const { daily, points } = await arrivalsByDay(db, responseId, {
		from: from || undefined,
		to: to || undefined
	});
	const key = DrawnCache.keyOf(inputOf(daily, points, lang));
	return {
		etag: `"${key}.${chart}"`,
		lasting: v === key,
		svg: () => drawn.getKeyed(key, () => draw(daily, points, lang))[chart]
	};
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
				title: titleOf('daily', locale),
				runningTotal: m.ret_dash_cumulative({}, options)
			})
		),
		cumulative: toSvg(stackedAreas({ ...input, title: titleOf('cumulative', locale) }))
	};
}
