/**
 * Compiled statements kept per connection, keyed by their SQL text. Drizzle prepares every
 * query it runs anew, and compiling the SQL was the largest single cost of a field submission
 * (profiled: ~13% of its CPU, the SQL repeated exactly each time). Only SQLite needs this; a
 * PostgreSQL driver keeps its own named statements, so the module goes with the engine.
 */
import type Database from 'better-sqlite3';
import { is, sql, SQL } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { PgPreparedQuery, PgTransaction } from 'drizzle-orm/pg-core';

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
 * process; on PostgreSQL a transaction has a connection of its own, and each is given the query
 * built by the first (`onConnectionOf`; a named statement: its driver keeps it parsed by its
 * text, per connection, see `named`). `name` says which
 * query: one name, one query, whatever `build` closes over.
 */
export function prepared<Db extends object, Q>(db: Db, name: string, build: (db: Db) => Q): Q {
	let queries = built.get(db);
	if (!queries) built.set(db, (queries = new Map()));
	let query = queries.get(name) as Q | undefined;
	if (query === undefined) {
		query = (is(db, PgTransaction) && onConnectionOf(db, name, build)) || named(build(db));
		queries.set(name, query);
	}
	return query;
}

/** PostgreSQL queries built once by name, per database (its dialect), for every transaction. */
const pgTemplates = new WeakMap<object, Map<string, unknown>>();

/**
 * The query `name` on the connection of the PostgreSQL transaction `tx`: built (its SQL text,
 * parameters and result mapping) the first time any transaction asks, then for each later one
 * the same query given that transaction's connection. Building it again for every transaction
 * cost more than running it (a batch's multi-row insert: ~0.25 ms of CPU per record).
 */
function onConnectionOf<Db extends object, Q>(
	tx: Db,
	name: string,
	build: (db: Db) => Q
): Q | null {
	const { dialect, session } = tx as unknown as { dialect: object; session: { client: unknown } };
	let templates = pgTemplates.get(dialect);
	if (!templates) pgTemplates.set(dialect, (templates = new Map()));
	let template = templates.get(name) as Q | null | undefined;
	if (template === undefined) {
		const query = build(tx);
		// Only Drizzle's own prepared queries can be given another connection (not, say, a
		// function that closes over this one): anything else is built for each transaction.
		const queries = is(query, PgPreparedQuery) ? [query] : Object.values(query as object);
		template = queries.every((q) => is(q, PgPreparedQuery)) ? named(query) : null;
		templates.set(name, template);
		if (!template) return named(query);
	}
	if (template === null) return null;
	const rebind = (q: unknown) =>
		Object.assign(Object.create(Object.getPrototypeOf(q) as object) as object, q, {
			client: session.client
		});
	if (is(template, PgPreparedQuery)) return rebind(template) as Q;
	return Object.fromEntries(
		Object.entries(template as object).map(([key, q]) => [key, rebind(q)])
	) as Q;
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

/**
 * The placeholders of row `row` of an insert of several rows prepared once, each named by its
 * place in `rowsWithDefaults`'s list: a list, where names like `3.lat` made an object of every
 * row's every column to look each value up in (profiled: ~0.1 ms of CPU per row, half of it
 * garbage collection).
 */
export function rowPlaceholders(
	columns: Record<string, unknown>,
	row: number
): Record<string, SQL> {
	const keys = Object.keys(columns);
	return Object.fromEntries(
		keys.map((key, i) => [key, sql`${sql.placeholder(String(row * keys.length + i))}`])
	);
}

/** The values of `rows` for an insert prepared with `rowPlaceholders`: each row's `withDefaults`. */
export function rowsWithDefaults(
	columns: Record<string, InsertedColumn>,
	rows: Record<string, unknown>[]
): Record<string, unknown> {
	const values: unknown[] = [];
	for (const row of rows) values.push(...Object.values(withDefaults(columns, row)));
	return values as unknown as Record<string, unknown>;
}
