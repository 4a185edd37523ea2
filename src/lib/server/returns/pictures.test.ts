import { describe, expect, it } from 'vitest';
import { newTallySchema } from '$lib/domain/returns';
import { mapPreview } from '$lib/server/maps/preview';
import { parseSvg } from '$lib/server/sitreps/svg/testing';
import { arrivalsDashboard, recordTally } from '$lib/server/returns';
import { arrivalsCharts } from './charts';
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
