/**
 * PostgreSQL through Drizzle and the `postgres` driver (porsager): what `db:copy` and the tests
 * use today, and what the services will take once they are async. `DATABASE_URL` names
 * PostgreSQL when it starts with `postgres://` or `postgresql://`; anything else is SQLite's file.
 */
import { resolve } from 'node:path';
import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { databaseEngine } from './index';
import * as schema from './schema/pg';

export type PgDb = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

export function isPostgresUrl(url: string): boolean {
	return databaseEngine(url) === 'postgres';
}

export function openPg(url: string): PgDb {
	// Notices (e.g. "relation already exists, skipping" from the migrator) are not news.
	const client = postgres(url, { max: 4, onnotice: () => {} });
	return drizzle(client, { schema, casing: 'snake_case' }) as PgDb;
}

/** PostgreSQL's migrations sit in `pg/` beside SQLite's. */
export function pgMigrationsDir(): string {
	return resolve(process.env.MIGRATIONS_DIR ?? 'drizzle', 'pg');
}

export async function migratePg(db: PgDb): Promise<void> {
	await migrate(db, { migrationsFolder: pgMigrationsDir() });
}
