import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, sql } from 'drizzle-orm';
import { integer, pgTable } from 'drizzle-orm/pg-core';
import type { Db } from './index';
import { freshPgDatabase, PG_TEST_URL } from './pg-testing';
import { prepared } from './statements';
import { transaction } from './transaction';

const kept = pgTable('kept', { n: integer().notNull() });

describe.skipIf(!PG_TEST_URL)('queries built once on PostgreSQL', () => {
	let pg: Awaited<ReturnType<typeof freshPgDatabase>>;
	let db: Db;
	beforeAll(async () => {
		pg = await freshPgDatabase();
		db = pg.db as unknown as Db;
	});
	afterAll(() => pg?.drop());
	beforeEach(async () => {
		await pg.db.execute(sql`drop table if exists kept`);
		await pg.db.execute(sql`create table kept (n integer not null)`);
	});

	it('builds a query once for every transaction, each running it on its own connection', async () => {
		let builds = 0;
		const counted = (tx: Db) =>
			prepared(tx, 'test.kept.count', (d) => {
				builds++;
				return {
					all: d.select({ n: count() }).from(kept).prepare(),
					above: d
						.select({ n: count() })
						.from(kept)
						.where(sql`${kept.n} > ${sql.placeholder('above')}`)
						.prepare()
				};
			});
		await transaction(db, async (tx) => {
			await tx.insert(kept).values({ n: 1 });
			expect(await counted(tx).all.execute()).toEqual([{ n: 1 }]);
		});
		// Rows not yet committed are seen only on the transaction's own connection.
		const seenBy = (rows: number[]) =>
			transaction(db, async (tx) => {
				await tx.insert(kept).values(rows.map((n) => ({ n })));
				const [{ n: all }] = await counted(tx).all.execute();
				const [{ n: above }] = await counted(tx).above.execute({ above: 1 });
				return [all, above];
			});
		expect(await seenBy([2, 3])).toEqual([3, 2]);
		expect(await seenBy([4, 5, 6])).toEqual([6, 5]);
		expect(builds).toBe(1);
	});
});
