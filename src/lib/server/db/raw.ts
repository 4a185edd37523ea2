/**
 * Hand-written SQL run the same way on either engine, for what Drizzle's builders cannot say
 * (an R*Tree, a test's look at stored values). The SQL itself must be valid on the engine it runs
 * on: SQL only one engine knows belongs in a module of its own that asks `engineOf(db)`.
 */
import type { SQL } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { engineOf, type Db } from './index';

/** The rows a raw query returns, as objects keyed by column name. */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
	if (engineOf(db) === 'postgres') {
		return [...(await (db as unknown as PgDatabase<never>).execute(query))] as T[];
	}
	return (db as unknown as BaseSQLiteDatabase<'sync', unknown>).all<T>(query);
}

/** Runs a raw statement (outside `transaction`, only in tests and set-up). */
export async function rawRun(db: Db, query: SQL): Promise<void> {
	if (engineOf(db) === 'postgres') await (db as unknown as PgDatabase<never>).execute(query);
	else (db as unknown as BaseSQLiteDatabase<'sync', unknown>).run(query);
}

/**
 * A prepared select read as arrays of values in the selection's order, not mapped to objects:
 * what streams an export. better-sqlite3 gives arrays itself (`values`); on PostgreSQL the
 * driver's rows are objects whose keys keep the selection's order.
 */
export function preparedArrays<P extends Record<string, unknown>>(prepared: {
	execute(params: P): unknown;
}): (params: P) => Promise<unknown[][]> {
	const sqlite = prepared as unknown as { values?: (p: P) => unknown[][] };
	if (typeof sqlite.values === 'function') {
		const values = sqlite.values.bind(prepared);
		return async (params) => values(params);
	}
	return async (params) =>
		((await prepared.execute(params)) as Record<string, unknown>[]).map((r) => Object.values(r));
}
