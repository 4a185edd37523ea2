/**
 * Compiled statements kept per connection, keyed by their SQL text. Drizzle prepares every
 * query it runs anew, and compiling the SQL was the largest single cost of a field submission
 * (profiled: ~13% of its CPU, the SQL repeated exactly each time). Only SQLite needs this; a
 * PostgreSQL driver keeps its own named statements, so the module goes with the engine.
 */
import type Database from 'better-sqlite3';
import { is, sql, SQL } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { PgPreparedQuery } from 'drizzle-orm/pg-core';

/** Distinct query shapes the app runs are a few hundred at most; past this the oldest go. */
const LIMIT = 500;

/**
 * Makes `sqlite.prepare` return the connection's earlier statement for the same SQL. A statement
 * keeps the modes its last user set (`raw`, `pluck`, `expand`), so each comes back plain; one
 * still being iterated cannot run again until the iteration ends, so that caller gets a new one.
 */
export function cacheStatements(sqlite: Database.Database): void {
	const compile = sqlite.prepare.bind(sqlite);
	const kept = new LRUCache<string, Database.Statement>({ max: LIMIT });
	sqlite.prepare = ((source: string) => {
		const hit = kept.get(source);
		if (hit && !hit.busy) {
			if (hit.reader) hit.raw(false).pluck(false).expand(false);
			return hit;
		}
		const statement = compile(source);
		if (!hit) kept.set(source, statement);
		return statement;
	}) as typeof sqlite.prepare;
}

/** Drizzle queries built once, by connection (or PostgreSQL transaction), then by name. */
const built = new WeakMap<object, Map<string, unknown>>();

/**
 * A Drizzle query built once with `sql.placeholder`s (`….prepare()`) and kept, so each call runs
 * it with its values instead of building its SQL again: building was most of a field
 * submission's CPU (profiled: Drizzle's builders and `is` checks, ~30%). On SQLite a transaction
 * is its connection itself (`db/transaction.ts`), so one query serves every transaction of the
 * process; on PostgreSQL a transaction has a connection of its own and the query is kept for
 * that transaction only (a named statement: its driver keeps it parsed by its text, per
 * connection, see `named`). `name` says which
 * query: one name, one query, whatever `build` closes over.
 */
export function prepared<Db extends object, Q>(db: Db, name: string, build: (db: Db) => Q): Q {
	let queries = built.get(db);
	if (!queries) built.set(db, (queries = new Map()));
	let query = queries.get(name) as Q | undefined;
	if (query === undefined) queries.set(name, (query = named(build(db))));
	return query;
}

/** What Drizzle's prepared query on postgres.js holds (its own fields, not its types'). */
interface PgPrepared {
	prepare: boolean;
	client?: { options?: { prepare?: boolean } };
}

/**
 * A query (or a record of them) kept by `prepared`, made a named statement on postgres.js.
 * Drizzle's `.prepare()` without a name leaves it unnamed: the driver then asks the server to
 * describe it before every run, a round trip of its own that also stops the queries after it
 * from being sent behind it. Named, it is parsed once per connection and sent in one go. (Not
 * where the driver was told not to prepare, as behind a pooler.)
 */
function named<Q>(query: Q): Q {
	const queries = is(query, PgPreparedQuery) ? [query] : Object.values(query as object);
	for (const q of queries) {
		if (!is(q, PgPreparedQuery)) continue;
		const pg = q as unknown as PgPrepared;
		if (typeof pg.prepare === 'boolean') pg.prepare = pg.client?.options?.prepare !== false;
	}
	return query;
}

/** The parts of a Drizzle column an insert's value is made of. */
interface InsertedColumn {
	default?: unknown;
	defaultFn?: () => unknown;
	mapToDriverValue?: (value: unknown) => unknown;
}

/**
 * The values of a row for an insert prepared with `placeholders(columns)`, in the driver's terms:
 * what `values` gives, else the column's default as Drizzle's own insert would give it (its
 * `default`, its `$defaultFn` called now, so a time is this insert's), else null; each but null
 * through the column's mapping (a date to its number, JSON to text), as Drizzle maps a value it
 * binds. Null stays SQL NULL: Drizzle would map a placeholder's null too (JSON's to 'null').
 */
export function withDefaults(
	columns: Record<string, InsertedColumn>,
	values: Record<string, unknown>
): Record<string, unknown> {
	const row: Record<string, unknown> = {};
	for (const [key, column] of Object.entries(columns)) {
		let value = values[key];
		if (value !== undefined) {
			// as given
		} else if (is(column.default, SQL)) {
			throw new Error(`${key}: an SQL default cannot be prepared`);
		} else if (column.default !== undefined && column.default !== null) value = column.default;
		else if (column.defaultFn) value = column.defaultFn();
		row[key] =
			value === undefined || value === null
				? null
				: column.mapToDriverValue
					? column.mapToDriverValue(value)
					: value;
	}
	return row;
}

/**
 * A placeholder named as each of `columns`, the values of an insert prepared once, filled by
 * `withDefaults` (which maps them: Drizzle's own mapping of a placeholder would not leave null alone).
 */
export function placeholders(columns: Record<string, unknown>): Record<string, SQL> {
	return Object.fromEntries(Object.keys(columns).map((key) => [key, sql`${sql.placeholder(key)}`]));
}
