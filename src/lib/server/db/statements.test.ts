import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sqliteRows } from './raw';
import {
	cacheStatements,
	prepared,
	rowPlaceholders,
	rowsWithDefaults,
	withDefaults
} from './statements';

function database() {
	const sqlite = new Database(':memory:');
	cacheStatements(sqlite);
	sqlite.exec('create table t (n integer); insert into t values (1), (2), (3)');
	return sqlite;
}

describe('statements kept per connection', () => {
	it('gives the same compiled statement for the same SQL', () => {
		const sqlite = database();
		const sql = 'select n from t order by n';
		expect(sqlite.prepare(sql)).toBe(sqlite.prepare(sql));
		expect(sqlite.prepare(sql)).not.toBe(sqlite.prepare('select n from t order by n desc'));
	});

	it('hands a statement back as plain rows whatever its last user asked for', () => {
		const sqlite = database();
		const sql = 'select n from t order by n';
		expect(sqlite.prepare(sql).raw().all()).toEqual([[1], [2], [3]]);
		expect(sqlite.prepare(sql).all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
		expect(sqlite.prepare(sql).pluck().all()).toEqual([1, 2, 3]);
		expect(sqlite.prepare(sql).get()).toEqual({ n: 1 });
	});

	it('runs the same SQL again while an earlier run is still being iterated', () => {
		const sqlite = database();
		const sql = 'select n from t order by n';
		const seen: number[][] = [];
		for (const row of sqlite.prepare(sql).iterate() as Iterable<{ n: number }>) {
			// Reading is allowed mid-iteration; the busy statement itself cannot run again.
			seen.push([row.n, (sqlite.prepare(sql).pluck().all() as number[]).length]);
		}
		expect(seen).toEqual([
			[1, 3],
			[2, 3],
			[3, 3]
		]);
		expect(sqlite.prepare(sql).all()).toHaveLength(3);
	});

	it('writes through a kept statement each time it runs', () => {
		const sqlite = database();
		for (let i = 0; i < 3; i++) sqlite.prepare('insert into t values (?)').run(10 + i);
		expect(sqlite.prepare('select count(*) from t').pluck().get()).toBe(6);
	});
});

describe('queries built once', () => {
	it('builds a named query once per connection and keeps it', () => {
		const one = {};
		const other = {};
		let builds = 0;
		const build = (db: object) => ({ db, n: ++builds });
		const first = prepared(one, 'q', build);
		expect(prepared(one, 'q', build)).toBe(first);
		expect(first).toEqual({ db: one, n: 1 });
		expect(prepared(other, 'q', build)).toEqual({ db: other, n: 2 });
		expect(prepared(one, 'r', build)).toEqual({ db: one, n: 3 });
	});

	it('fills the columns a row leaves out as an insert would, its times at each call', () => {
		let clock = 0;
		const columns = {
			name: {},
			count: { default: 0 },
			at: { defaultFn: () => ++clock },
			note: { default: null }
		};
		expect(withDefaults(columns, { name: 'a' })).toEqual({
			name: 'a',
			count: 0,
			at: 1,
			note: null
		});
		expect(withDefaults(columns, { name: 'b', count: 5, note: null, other: 1 })).toEqual({
			name: 'b',
			count: 5,
			at: 2,
			note: null
		});
		expect(() => withDefaults({ at: { default: sql`now()` } }, {})).toThrow(/cannot be prepared/);
	});

	it('maps a value for the driver as its column does, and leaves null as SQL NULL', () => {
		const columns = { doc: { mapToDriverValue: (v: unknown) => JSON.stringify(v) } };
		expect(withDefaults(columns, { doc: { a: 1 } })).toEqual({ doc: '{"a":1}' });
		expect(withDefaults(columns, { doc: null })).toEqual({ doc: null });
		expect(withDefaults(columns, {})).toEqual({ doc: null });
	});
});

describe('an insert of several rows prepared once', () => {
	const items = sqliteTable('items', {
		id: integer().primaryKey(),
		name: text().notNull(),
		tags: text({ mode: 'json' }).$type<string[]>(),
		kind: text().notNull().default('plain')
	});
	const { id: _id, ...columns } = getTableColumns(items);

	it('stores each row with its own values and defaults, for any rows of that count', () => {
		const sqlite = new Database(':memory:');
		cacheStatements(sqlite);
		sqlite.exec(
			"create table items (id integer primary key, name text not null, tags text, kind text not null default 'plain')"
		);
		const db = drizzle(sqlite);
		const insertTwo = db
			.insert(items)
			.values(
				[0, 1].map((i) => rowPlaceholders(columns, i) as unknown as typeof items.$inferInsert)
			)
			.returning()
			.prepare();
		expect(
			insertTwo.all(
				rowsWithDefaults(columns, [
					{ name: 'a', tags: ['x'] },
					{ name: 'b', kind: 'rare' }
				])
			)
		).toEqual([
			{ id: 1, name: 'a', tags: ['x'], kind: 'plain' },
			{ id: 2, name: 'b', tags: null, kind: 'rare' }
		]);
		expect(
			insertTwo.all(rowsWithDefaults(columns, [{ name: 'c' }, { name: 'd', tags: [] }]))
		).toEqual([
			{ id: 3, name: 'c', tags: null, kind: 'plain' },
			{ id: 4, name: 'd', tags: [], kind: 'plain' }
		]);
	});
});

describe('a fixed SQLite query run straight (sqliteRows)', () => {
	it('answers rows as objects from its positional parameters, on the kept statement', () => {
		const sqlite = database();
		const db = drizzle(sqlite) as unknown as Parameters<typeof sqliteRows>[0];
		const text = 'select n from t where n >= ? and n <= ? order by n';
		// Another user of the same text left it raw: the kept statement comes back plain.
		expect(sqlite.prepare(text).raw().all(1, 1)).toEqual([[1]]);
		expect(sqliteRows(db, text, 2, 3)).toEqual([{ n: 2 }, { n: 3 }]);
		expect(sqliteRows(db, text, 5, 9)).toEqual([]);
	});
});
