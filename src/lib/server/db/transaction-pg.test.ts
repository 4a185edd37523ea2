import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, sql } from 'drizzle-orm';
import { integer, pgTable } from 'drizzle-orm/pg-core';
import type { Db } from './index';
import { freshPgDatabase, PG_TEST_URL } from './pg-testing';
import { oneWriterAtATime, transaction } from './transaction';

/** A table of its own: each writer stores how many rows it saw before adding its own. */
const seen = pgTable('seen', { n: integer().notNull() });

/** A promise the test settles when it chooses. */
function gate() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { open, opened };
}

describe.skipIf(!PG_TEST_URL)('transactions on PostgreSQL', () => {
	let pg: Awaited<ReturnType<typeof freshPgDatabase>>;
	let db: Db;
	beforeAll(async () => {
		pg = await freshPgDatabase();
		db = pg.db as unknown as Db;
	});
	afterAll(() => pg?.drop());
	beforeEach(async () => {
		await pg.db.execute(sql`drop table if exists seen`);
		await pg.db.execute(sql`create table seen (n integer not null)`);
	});

	const counted = async (tx: Db) => (await tx.select({ n: count() }).from(seen))[0].n;
	const stored = async () => (await db.select().from(seen)).map((r) => r.n).sort();

	it('run one of two that read what the other writes again, so the second sees the first', async () => {
		// Both read before either writes: as two separate steps, each would store 0.
		let runs = 0;
		const bothRead = gate();
		let reads = 0;
		const writer = () =>
			transaction(db, async (tx) => {
				runs++;
				const n = await counted(tx);
				if (++reads === 2) bothRead.open();
				await bothRead.opened;
				await tx.insert(seen).values({ n });
			});
		await Promise.all([writer(), writer()]);
		expect(await stored()).toEqual([0, 1]);
		expect(runs).toBe(3);
	});

	it('queue writers that take the table’s lock first: the second waits, sees the first, runs once', async () => {
		let runs = 0;
		const firstHolds = gate();
		const letFirstGo = gate();
		const first = transaction(db, async (tx) => {
			runs++;
			await oneWriterAtATime(tx, seen);
			const n = await counted(tx);
			await tx.insert(seen).values({ n });
			firstHolds.open();
			await letFirstGo.opened;
		});
		await firstHolds.opened;
		const second = transaction(db, async (tx) => {
			runs++;
			await oneWriterAtATime(tx, seen);
			await tx.insert(seen).values({ n: await counted(tx) });
		});
		// The second is waiting for the lock before the first commits (bounded: a lock not taken
		// at all would never show up here, and the test fails).
		for (let i = 0; ; i++) {
			const [{ waiting }] = await pg.db.execute<{ waiting: number }>(
				sql`select count(*)::int as waiting from pg_locks where not granted and relation = 'seen'::regclass`
			);
			if (waiting > 0) break;
			if (i === 500) throw new Error('the second writer never waited for the lock');
			await new Promise((r) => setTimeout(r, 10));
		}
		letFirstGo.open();
		await Promise.all([first, second]);
		expect(await stored()).toEqual([0, 1]);
		expect(runs).toBe(2);
	});
});
