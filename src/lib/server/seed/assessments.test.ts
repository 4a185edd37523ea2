import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openTestDb } from '$lib/server/db/testing';
import { adminAreas, assessments } from '$lib/server/db/schema';
import { listAssessments, totalsByArea } from '$lib/server/assessments';
import { seedDemo } from '.';

describe('the demo assessments', () => {
	it('spread a few hundred flood assessments over known communes, with some duplicates', async () => {
		const db = await openTestDb();
		const ctx = await seedDemo(db);
		const rows = await db.select().from(assessments);
		// The generated ones and the duplicates made of some of them.
		expect(rows.length).toBe(333);
		expect(rows.every((r) => r.responseId === ctx.responses.flood)).toBe(true);
		const level3 = await db
			.select({ pcode: adminAreas.pcode })
			.from(adminAreas)
			.where(eq(adminAreas.level, 3));
		const communes = new Set(level3.map((a) => a.pcode));
		expect(rows.every((r) => communes.has(r.pcode!))).toBe(true);
		const provinces = await totalsByArea(db, { responseId: ctx.responses.flood }, 'province');
		expect(provinces.map((p) => p.pcode)).toEqual(
			expect.arrayContaining(['KH01', 'KH02', 'KH15', 'KH17', 'KH24'])
		);
		const flagged = await listAssessments(db, { responseId: ctx.responses.flood, flagged: true });
		expect(flagged.total).toBe(43);
	});
});
