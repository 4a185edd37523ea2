import { describe, expect, it } from 'vitest';
import { openTestDb } from '$lib/server/db/testing';
import { listSitreps, getSitrep } from '$lib/server/sitreps';
import { seedDemo } from '.';

describe('the demo sitreps', () => {
	it('are two published reports with growing frozen figures and one draft', async () => {
		const db = await openTestDb();
		const ctx = await seedDemo(db);
		const list = await listSitreps(db, ctx.responses.flood, true);
		expect(list.map((s) => [s.number, s.status])).toEqual([
			[3, 'draft'],
			[2, 'published'],
			[1, 'published']
		]);
		const affected = async (n: number) =>
			(await getSitrep(db, ctx.responses.flood, n))?.figures?.find(
				(f) => f.key === 'assessments.affected'
			)?.value ?? 0;
		// Each report froze the figure as it stood when published.
		expect([await affected(1), await affected(2)]).toEqual([120_648, 204_667]);
	});
});
