import { describe, expect, it } from 'vitest';
import { openTestDb } from '$lib/server/db/testing';
import { shelterActivities } from '$lib/server/db/schema';
import { gapsByArea, listCatalogue, listSites, matrixTotals } from '$lib/server/shelter';
import { seedDemo } from '.';

describe('the demo shelter data', () => {
	it('has the catalogue, flood and Poipet sites, and 4W rows in every review state', async () => {
		const db = await openTestDb();
		const ctx = await seedDemo(db);
		expect((await listCatalogue(db)).map((c) => c.code)).toEqual(
			expect.arrayContaining(['TARP', 'BLANKET', 'FAMILYKIT', 'ESK'])
		);
		const flood = await listSites(db, { responseId: ctx.responses.flood });
		expect(new Set(flood.map((s) => s.site.provincePcode))).toEqual(
			new Set(['KH01', 'KH02', 'KH15'])
		);
		expect(flood.some((s) => s.occupancy.belowSphere)).toBe(true);
		const poipet = await listSites(db, { responseId: ctx.responses.massReturn });
		expect(
			poipet.every((s) => s.site.districtPcode === 'KH0110' && s.site.kind === 'transit_centre')
		).toBe(true);
		const states = new Set(
			(await db.select({ s: shelterActivities.reviewState }).from(shelterActivities)).map(
				(r) => r.s
			)
		);
		expect(states).toEqual(new Set(['draft', 'submitted', 'validated', 'returned']));
		const coordinator = {
			id: ctx.users.coordinator,
			role: 'coordinator' as const,
			organisationId: ctx.organisations.IOM
		};
		expect(
			(
				await matrixTotals(db, coordinator, {
					responseId: ctx.responses.flood,
					reviewState: 'validated'
				})
			).reachedHouseholds
		).toBeGreaterThan(0);
		expect(
			(
				await gapsByArea(
					db,
					coordinator,
					{ responseId: ctx.responses.flood, reviewState: 'validated', asOf: '2020-10-20' },
					'province'
				)
			).rows.length
		).toBeGreaterThan(0);
	}, 300_000); // the whole demo, statement by statement: minutes on PostgreSQL under load
});
