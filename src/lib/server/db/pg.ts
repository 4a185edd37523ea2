/**
 * PostgreSQL through Drizzle and the `postgres` driver (porsager): what the app serves when
 * `DATABASE_URL` starts with `postgres://` or `postgresql://` (anything else is SQLite's file),
 * and one side of `db:copy`.
 */
import { resolve } from 'node:path';
import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { databaseEngine } from './engine';
import * as schema from './schema/pg';

export type PgDb = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

export function isPostgresUrl(url: string): boolean {
	return databaseEngine(url) === 'postgres';
}

/**
 * Counts and sums come back as numbers, as SQLite gives them: PostgreSQL types `count(*)` as
 * bigint and `sum()` of integers as numeric, which the driver would hand over as strings. The
 * app's counts stay far below 2^53.
 */
const asNumber = (to: number) => ({
	to,
	from: [to],
	serialize: (n: number) => String(n),
	parse: (s: string) => Number(s)
});

export function openPg(url: string): PgDb {
	const client = postgres(url, {
		max: Number(process.env.PG_POOL_SIZE) || 10,
		// Notices (e.g. "relation already exists, skipping" from the migrator) are not news.
		onnotice: () => {},
		types: { bigint: asNumber(20), numeric: asNumber(1700) }
	});
	return drizzle(client, { schema, casing: 'snake_case' }) as PgDb;
}

/** PostgreSQL's migrations sit in `pg/` beside SQLite's. */
export function pgMigrationsDir(): string {
	return resolve(process.env.MIGRATIONS_DIR ?? 'drizzle', 'pg');
}

export async function migratePg(db: PgDb): Promise<void> {
	await migrate(db, { migrationsFolder: pgMigrationsDir() });
}
