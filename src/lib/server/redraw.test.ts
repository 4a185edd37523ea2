import { describe, expect, it } from 'vitest';
import { newTallySchema } from '$lib/domain/returns';
import { arrivalsChartLinks, arrivalsCharts } from '$lib/server/returns/charts';
import { arrivalsDashboard, everyCrossingPoint, recordTally } from '$lib/server/returns';
import { returnsWorld, tallyInput } from '$lib/server/returns/testing';
import { redraw } from './redraw';

describe('a picture drawn again from its address', () => {
	it("draws a dashboard's chart for a reader, and nothing for someone signed out", async () => {
		const w = await returnsWorld();
		await recordTally(w.db, w.field, newTallySchema.parse(tallyInput(w)));
		// As the dashboard's page reads them: every crossing point, a quiet one too.
		const dashboard = await arrivalsDashboard(w.db, w.responseId);
		const daily = dashboard.daily;
		const points = await everyCrossingPoint(w.db, dashboard.points);
		const src = arrivalsChartLinks(w.responseId, {}, daily, points, 'en').daily.src;
		const chart = arrivalsCharts(daily, points, 'en').daily;
		expect(chart).toContain('<svg');
		expect(await redraw(w.db, w.field, src)).toBe(chart);
		// The address may come from text typed into a page that someone signed out reads.
		expect(await redraw(w.db, null, src)).toBeNull();
	});
});
