/**
 * Hand-written SQL run the same way on either engine, for what Drizzle's builders cannot say
 * (an R*Tree, a test's look at stored values). The SQL itself must be valid on the engine it runs
 * on: SQL only one engine knows belongs in a module of its own that asks `engineOf(db)`.
 */
import {
	Column,
	fillPlaceholders,
	is,
	noopDecoder,
	SQL,
	Subquery,
	type DriverValueDecoder
} from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type postgres from 'postgres';
import type { PgDatabase, PgDialect } from 'drizzle-orm/pg-core';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { engineOf, type Db } from './index';

/** The rows a raw query returns, as objects keyed by column name. */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
	if (engineOf(db) === 'postgres') {
		return [...(await (db as unknown as PgDatabase<never>).execute(query))] as T[];
	}
	return (db as unknown as BaseSQLiteDatabase<'sync', unknown>).all<T>(query);
}

/**
 * A fixed SQLite query run straight on better-sqlite3 with positional parameters, for a hot path:
 * its statement is compiled once per connection (`db/statements.ts`), where `rawRows` has
 * Drizzle build the query from its `sql` template at every call. SQLite only (a transaction
 * there is its connection itself).
 */
export function sqliteRows<T>(db: Db, text: string, ...params: unknown[]): T[] {
	if (engineOf(db) !== 'sqlite') throw new Error('sqliteRows runs on SQLite only');
	const client = (db as unknown as { $client: Database.Database }).$client;
	return client.prepare(text).all(...params) as T[];
}

/**
 * `rawRows` for a query whose text never changes (only its parameters do), run on PostgreSQL as
 * a named statement: parsed once per connection, and sent without first asking the server to
 * describe it (a round trip of its own). Not for text that varies: each text is kept per connection.
 */
export async function rawRowsNamed<T>(db: Db, query: SQL): Promise<T[]> {
	if (engineOf(db) !== 'postgres') return rawRows<T>(db, query);
	const pg = db as unknown as {
		dialect: PgDialect;
		session: { client: postgres.Sql & { options?: postgres.Sql['options'] } };
	};
	const { sql: text, params } = pg.dialect.sqlToQuery(query);
	const client = pg.session.client;
	return (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
		prepare: client.options?.prepare !== false
	})) as unknown as T[];
}

/** Runs a raw statement (outside `transaction`, only in tests and set-up). */
export async function rawRun(db: Db, query: SQL): Promise<void> {
	if (engineOf(db) === 'postgres') await (db as unknown as PgDatabase<never>).execute(query);
	else (db as unknown as BaseSQLiteDatabase<'sync', unknown>).run(query);
}

/** What Drizzle's prepared select on postgres.js holds (its own fields, not its types'). */
interface PgPrepared {
	queryString: string;
	params: unknown[];
	client: postgres.Sql;
	fields?: { path: string[]; field: unknown }[];
}

/** How Drizzle decodes a selected field's value, as its own row mapping finds it. */
function decoderOf(field: unknown): DriverValueDecoder<unknown, unknown> {
	if (is(field, Column)) return field;
	const decoder = (sql: SQL) =>
		(sql as unknown as { decoder: DriverValueDecoder<unknown, unknown> }).decoder;
	if (is(field, SQL)) return decoder(field);
	if (is(field, Subquery)) return decoder(field._.sql as SQL);
	return decoder((field as SQL.Aliased).sql);
}

const identity = (decoder: DriverValueDecoder<unknown, unknown>) =>
	decoder.mapFromDriverValue === noopDecoder.mapFromDriverValue ||
	decoder.mapFromDriverValue === Column.prototype.mapFromDriverValue;

/**
 * PostgreSQL's half: the driver's rows as arrays (`.values()`, its own type parsers), each value
 * through its column's decoder where it has one (a timestamp the driver hands over as text
 * becomes a Date, as Drizzle's mapping would make it), and no object per row. A named
 * statement, parsed and planned once per connection, where Drizzle's unnamed `.prepare()` is
 * parsed again on every page.
 */
function pgArrays<P extends Record<string, unknown>>(
	prepared: PgPrepared
): (params: P) => Promise<unknown[][]> {
	const { queryString, params, client, fields } = prepared;
	if (typeof queryString !== 'string' || !Array.isArray(params) || !client || !fields)
		throw new Error('preparedArrays: not a Drizzle prepared select on postgres.js');
	const decoders: [number, DriverValueDecoder<unknown, unknown>][] = [];
	fields.forEach(({ field }, i) => {
		const decoder = decoderOf(field);
		if (!identity(decoder)) decoders.push([i, decoder]);
	});
	const prepare = client.options.prepare !== false;
	return async (values) => {
		const rows = (await client
			.unsafe(queryString, fillPlaceholders(params, values) as postgres.ParameterOrJSON<never>[], {
				prepare
			})
			.values()) as unknown[][];
		if (decoders.length) {
			for (const row of rows) {
				for (const [i, decoder] of decoders) {
					const v = row[i];
					if (v !== null) row[i] = decoder.mapFromDriverValue(v);
				}
			}
		}
		return rows;
	};
}

/**
 * A prepared select read as arrays of values in the selection's order (its columns flattened),
 * not mapped to objects: what streams an export. better-sqlite3 gives arrays itself (`values`,
 * the stored values as they are); on PostgreSQL, `pgArrays`.
 */
export function preparedArrays<P extends Record<string, unknown>>(prepared: {
	execute(params: P): unknown;
}): (params: P) => Promise<unknown[][]> {
	const sqlite = prepared as unknown as { values?: (p: P) => unknown[][] };
	if (typeof sqlite.values === 'function') {
		const values = sqlite.values.bind(prepared);
		return async (params) => values(params);
	}
	return pgArrays(prepared as unknown as PgPrepared);
}
