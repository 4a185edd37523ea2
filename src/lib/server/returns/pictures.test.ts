import { describe, expect, it } from 'vitest';
import { newTallySchema } from '$lib/domain/returns';
import { mapPreview } from '$lib/server/maps/preview';
import { parseSvg } from '$lib/server/sitreps/svg/testing';
import { arrivalsDashboard, everyCrossingPoint, recordTally } from '$lib/server/returns';
import { arrivalsChartLinks, arrivalsCharts, chartAt, chartResponseId } from './charts';
import { returnsWorld, tallyInput, type ReturnsWorld } from './testing';

/** The dashboard's pictures as its page draws them, from what the database holds now. */
async function pictures(w: ReturnsWorld) {
	const { daily, points, destinations } = await arrivalsDashboard(w.db, w.responseId);
	const texts = (svg: string | null, name: string) =>
		parseSvg(svg ?? '')
			.filter((e) => e.name === name)
			.map((e) => e.text);
	return {
		/** The daily chart's bars say their counts in their titles. */
		daily: texts(arrivalsCharts(daily, points, 'en').daily, 'title'),
		/** The map's legend says the range of each shade. */
		map: texts(
			await mapPreview(w.db, {
				title: 'Arrivals by destination',
				level: 1,
				values: Object.fromEntries(destinations.map((x) => [x.pcode, x.persons])),
				legendTitle: 'Persons',
				locale: 'en'
			}),
			'text'
		)
	};
}

describe("the arrivals dashboard's pictures", () => {
	it('show a tally recorded after they were drawn, at once', async () => {
		const w = await returnsWorld();
		await recordTally(w.db, w.field, newTallySchema.parse(tallyInput(w)));
		const before = await pictures(w);
		expect(before.daily).toContain('Poipet, 12 Jun 2014: 100');
		expect(before.map.join(' ')).toMatch(/\b60\b/);
		expect(before.map.join(' ')).not.toMatch(/\b120\b/);
		// Drawn again from the same figures: the same pictures.
		expect(await pictures(w)).toEqual(before);

		await recordTally(w.db, w.field, newTallySchema.parse(tallyInput(w)));
		const after = await pictures(w);
		expect(after.daily).toContain('Poipet, 12 Jun 2014: 200');
		expect(after.daily).not.toContain('Poipet, 12 Jun 2014: 100');
		// KH03 went from 60 to 120 persons, KH14 from 30 to 60: the legend's ranges follow.
		expect(after.map.join(' ')).toMatch(/\b120\b/);
	});
});

describe("the arrivals dashboard's links to its charts", () => {
	it('name each chart by the figures, and draw the same picture from the address', async () => {
		const w = await returnsWorld();
		await recordTally(w.db, w.field, newTallySchema.parse(tallyInput(w)));
		const filter = { from: '2014-06-01', to: '2014-06-30' };
		// As the dashboard's page reads them: every crossing point, a quiet one too.
		const dashboard = await arrivalsDashboard(w.db, w.responseId, filter);
		const daily = dashboard.daily;
		const points = await everyCrossingPoint(w.db, dashboard.points);
		const links = arrivalsChartLinks(w.responseId, filter, daily, points, 'km');
		const charts = arrivalsCharts(daily, points, 'km');
		expect(links.daily.src).toMatch(
			new RegExp(
				`^/responses/${w.responseId}/returns/chart\\.svg\\?chart=daily&lang=km&from=2014-06-01&to=2014-06-30&v=[^&]+$`
			)
		);
		expect(links.daily.title).toBe('ការមកដល់ប្រចាំថ្ងៃ តាមច្រកព្រំដែន');
		const url = (src: string) => new URL(src, 'http://localhost');
		expect(chartResponseId(url(links.daily.src))).toBe(w.responseId);
		const at = (await chartAt(w.db, w.responseId, url(links.daily.src)))!;
		expect(at.lasting).toBe(true);
		expect(await at.svg()).toBe(charts.daily);
		const cumulative = (await chartAt(w.db, w.responseId, url(links.cumulative.src)))!;
		expect(await cumulative.svg()).toBe(charts.cumulative);
		expect(cumulative.etag).not.toBe(at.etag);

		// A new count: the old address draws today's figures, no longer for good, another tag.
		await recordTally(w.db, w.field, newTallySchema.parse(tallyInput(w)));
		const later = (await chartAt(w.db, w.responseId, url(links.daily.src)))!;
		expect(later.lasting).toBe(false);
		expect(later.etag).not.toBe(at.etag);
		expect(await later.svg()).not.toBe(charts.daily);
		const english = (await chartAt(w.db, w.responseId, url(links.daily.src.replace('km', 'en'))))!;
		expect(english.lasting).toBe(false);
		expect(parseSvg((await english.svg()) ?? '').map((e) => e.text)).toContain(
			'Poipet, 12 Jun 2014: 200'
		);
		// The filter is the address's: before the counts, no bars.
		const before = `/responses/${w.responseId}/returns/chart.svg?chart=daily&lang=en&to=2014-06-01`;
		const empty = (await chartAt(w.db, w.responseId, url(before)))!;
		expect(parseSvg((await empty.svg()) ?? '').filter((e) => e.name === 'rect' && e.text)).toEqual(
			[]
		);
		expect(await chartAt(w.db, w.responseId, url(before.replace('daily', 'pie')))).toBeNull();
		expect(chartResponseId(url('/responses/x/returns/chart.svg'))).toBeNull();
	});
});
