import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTableName } from 'drizzle-orm';
import { closeDb, migrateDb, openDb } from './index';
import { copyDatabase } from './copy';
import { freshPgDatabase, PG_TEST_URL } from './pg-testing';
import { organisations } from './schema/pg';
import { describeTable, sqliteTables } from './tables';
import { seedDemo } from '$lib/server/seed';

const dir = mkdtempSync(join(tmpdir(), 'sahakar-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every row of every table, in key order, as SQLite holds it; and the id counters. */
function contents(path: string) {
	const db = new Database(path, { readonly: true });
	const tables = Object.fromEntries(
		sqliteTables.map((t) => {
			const name = getTableName(t);
			const keys = describeTable(t).primaryKey.join(', ');
			return [name, db.prepare(`select * from ${name} order by ${keys}`).raw().all()];
		})
	);
	const sequences = db.prepare('select name, seq from sqlite_sequence order by name').all();
	const boxes = db.prepare('select pcode, level from admin_area_boxes order by pcode').all();
	db.close();
	return { tables, sequences, boxes };
}

it('refuses to copy between two databases of one engine', async () => {
	await expect(copyDatabase(join(dir, 'a.db'), join(dir, 'b.db'))).rejects.toThrow(
		/between SQLite and PostgreSQL/
	);
});

describe.skipIf(!PG_TEST_URL)('db:copy between SQLite and PostgreSQL', () => {
	const demo = join(dir, 'demo.db');
	beforeAll(async () => {
		const db = openDb(demo);
		await migrateDb(db);
		await seedDemo(db);
		await closeDb(db);
	}, 120_000);

	it('round-trips the demo (SQLite → PostgreSQL → new SQLite) row for row, ids and counters included', async () => {
		const pg = await freshPgDatabase();
		try {
			const there = await copyDatabase(demo, pg.url);
			expect(there.map((c) => c.table).sort()).toEqual(sqliteTables.map(getTableName).sort());
			for (const c of there) expect(c.target, c.table).toBe(c.source);
			expect(there.find((c) => c.table === 'manifest_passengers')?.target).toBeGreaterThan(1000);
			// The planner's statistics gathered for what was copied (never analysed: -1).
			const [stats] = await pg.db.$client<{ reltuples: number }[]>`
				select reltuples::float8 as reltuples from pg_class where relname = 'manifest_passengers'`;
			expect(stats.reltuples).toBeGreaterThan(1000);

			const back = join(dir, 'back.db');
			const returned = await copyDatabase(pg.url, back);
			expect(returned).toEqual(there);

			const [before, after] = [contents(demo), contents(back)];
			for (const name of Object.keys(before.tables)) {
				expect(after.tables[name], name).toEqual(before.tables[name]);
			}
			expect(after.sequences).toEqual(before.sequences);
			expect(after.boxes).toEqual(before.boxes);
			expect(after.boxes.length).toBeGreaterThan(20);

			// PostgreSQL's counters carry on after the copied ids.
			const [org] = await pg.db
				.insert(organisations)
				.values({ name: 'Copy test', acronym: 'CT', type: 'ngo' })
				.returning({ id: organisations.id });
			const lastOrg = before.sequences.find(
				(s) => (s as { name: string }).name === 'organisations'
			) as { seq: number };
			expect(org.id).toBe(lastOrg.seq + 1);

			await expect(copyDatabase(demo, pg.url)).rejects.toThrow(
				/already holds data \(organisations: 17 rows\)/
			);
			await expect(copyDatabase(pg.url, back)).rejects.toThrow(/already holds data/);
		} finally {
			await pg.drop();
		}
	});

	it('writes nothing when a row cannot be copied, and names its table', async () => {
		const broken = join(dir, 'broken.db');
		copyFileSync(demo, broken);
		const db = new Database(broken);
		// PostgreSQL's text cannot hold a NUL character; SQLite's can.
		db.prepare("update sitreps set highlights = 'a' || char(0) || 'b' where number = 1").run();
		db.close();
		const pg = await freshPgDatabase();
		try {
			await expect(copyDatabase(broken, pg.url)).rejects.toThrow(/^sitreps: /);
			const rows = await pg.db.$client.unsafe<{ n: string }[]>(
				sqliteTables.map((t) => `select count(*) as n from ${getTableName(t)}`).join(' union all ')
			);
			expect(rows.map((r) => Number(r.n))).toEqual(sqliteTables.map(() => 0));
		} finally {
			await pg.drop();
		}
	});
});
