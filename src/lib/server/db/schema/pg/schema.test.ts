import { describe, expect, it } from 'vitest';
import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import * as s from 'drizzle-orm/sqlite-core';
import { copyOrder, describeTable, pgTables, schemaDifferences, sqliteTables } from '../../tables';

describe('the PostgreSQL schema', () => {
	it('has the same tables, columns and kinds, keys, uniques and indexes as the SQLite one', () => {
		expect(pgTables.length).toBeGreaterThanOrEqual(30);
		expect(schemaDifferences(sqliteTables, pgTables)).toEqual([]);
	});

	it('names what differs: a column, a kind, a default, a key, an index on one side only', () => {
		const lite = s.sqliteTable(
			'notes',
			{
				id: s.integer().primaryKey({ autoIncrement: true }),
				at: s.integer({ mode: 'timestamp_ms' }).notNull(),
				n: s.integer().notNull().default(0),
				body: s.text(),
				nickname: s.text()
			},
			(t) => [s.index('notes_at_idx').on(t.at)]
		);
		const pg = pgTable(
			'notes',
			{
				id: integer().primaryKey(),
				at: integer().notNull(),
				n: integer().notNull().default(1),
				body: text()
			},
			(t) => [uniqueIndex('notes_at_idx').on(t.at), index('notes_body_idx').on(t.body)]
		);
		const other = pgTable('other', { id: integer().primaryKey() });
		expect(schemaDifferences([lite], [pg, other])).toEqual([
			expect.stringMatching(
				/^notes\.id: SQLite .*"generated":true.*PostgreSQL .*"generated":false/
			),
			expect.stringMatching(/^notes\.at: SQLite .*"kind":"moment".*PostgreSQL .*"kind":"integer"/),
			expect.stringMatching(/^notes\.n: SQLite .*"default":"0".*PostgreSQL .*"default":"1"/),
			'notes.nickname: only on SQLite',
			'notes indexes: SQLite ["notes_at_idx(at)"], PostgreSQL ["notes_body_idx(body)","unique notes_at_idx(at)"]',
			'other: only on PostgreSQL'
		]);
	});

	it("takes a PostgreSQL index ending with the integer key for SQLite's, which ends with its rowid", () => {
		const lite = s.sqliteTable(
			'notes',
			{ seq: s.integer().primaryKey({ autoIncrement: true }), day: s.text(), n: s.integer() },
			(t) => [s.index('notes_day_idx').on(t.day), s.index('notes_n_idx').on(t.n)]
		);
		const pg = (last: 'seq' | 'n') =>
			pgTable(
				'notes',
				{
					seq: integer().primaryKey().generatedAlwaysAsIdentity(),
					day: text(),
					n: integer()
				},
				(t) => [index('notes_day_idx').on(t.day, t[last]), index('notes_n_idx').on(t.n)]
			);
		expect(schemaDifferences([lite], [pg('seq')])).toEqual([]);
		expect(schemaDifferences([lite], [pg('n')])).toEqual([
			'notes indexes: SQLite ["notes_day_idx(day)","notes_n_idx(n)"], PostgreSQL ["notes_day_idx(day,n)","notes_n_idx(n)"]'
		]);
	});

	it('orders tables so each comes after the tables it refers to', () => {
		for (const tables of [sqliteTables, pgTables]) {
			const order = copyOrder(tables).map((t) => describeTable(t));
			const seen = new Set<string>();
			for (const t of order) {
				for (const fk of t.foreignKeys) {
					const to = fk.split(' → ')[1].split('(')[0];
					if (to !== t.name) expect(seen, `${t.name} after ${to}`).toContain(to);
				}
				seen.add(t.name);
			}
			expect(order).toHaveLength(tables.length);
		}
	});
});
