import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { is, sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { PgDatabase } from 'drizzle-orm/pg-core';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type postgres from 'postgres';
import { databaseEngine, databasePath, type Engine } from './engine';
import { migratePg, openPg, pgMigrationsDir } from './pg';
import type * as schema from './schema';
import * as sqliteSchema from './schema/sqlite';
import { cacheStatements } from './statements';

export { databaseEngine, databasePath, ENGINE, type Engine } from './engine';

/**
 * What services take: the database or a transaction on it, so they compose inside one. Typed
 * with SQLite's tables and builders (the schema module hands out the serving engine's tables
 * under those types); every query is awaited, which both engines' builders allow. What only one
 * engine has (better-sqlite3's synchronous `run/all/get/values`, `transaction`) is left out:
 * transactions go through `transaction()` in `./transaction`.
 */
export type Db = Omit<
	BaseSQLiteDatabase<'async', unknown, typeof schema>,
	'run' | 'all' | 'get' | 'values' | 'transaction' | 'batch'
>;

/** SQLite through better-sqlite3, with its handle for raw statements. */
export type SqliteDb = BetterSQLite3Database<typeof sqliteSchema> & { $client: Database.Database };

/** The database itself (not a transaction): what opens, migrates and closes. */
export type RootDb = Db & { readonly $client: Database.Database | postgres.Sql };

/** Where the committed migrations live; the server runs from the project's root. */
const MIGRATIONS_DIR = resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

/** Which engine an open database runs on. */
export function engineOf(db: Db): Engine {
	return is(db, PgDatabase) ? 'postgres' : 'sqlite';
}

/** better-sqlite3's handle of a SQLite database, for what only it does (pragmas, raw statements). */
export function sqliteClient(db: RootDb): Database.Database {
	if (engineOf(db) !== 'sqlite')
		throw new Error('this needs SQLite (DATABASE_URL names PostgreSQL)');
	return db.$client as Database.Database;
}

/** A SQLite file (or `:memory:`) with SQLite's own tables, whatever engine the process serves. */
export function openSqlite(path: string): SqliteDb {
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const client = new Database(path);
	client.pragma('journal_mode = WAL');
	client.pragma('foreign_keys = ON');
	client.pragma('busy_timeout = 5000');
	client.pragma('synchronous = NORMAL');
	cacheStatements(client);
	return drizzle(client, { schema: sqliteSchema, casing: 'snake_case' }) as SqliteDb;
}

/**
 * The database `url` names: PostgreSQL for `postgres://…`, else a SQLite file. Its engine must
 * be the one this process serves (`ENGINE`): the services use that engine's tables.
 */
export function openDb(url: string = process.env.DATABASE_URL || databasePath()): RootDb {
	if (databaseEngine(url) === 'postgres') return openPg(url) as unknown as RootDb;
	return openSqlite(databasePath(url)) as unknown as RootDb;
}

/** Applies the migrations this version ships that the database has not had yet. */
export async function migrateDb(db: RootDb): Promise<void> {
	if (engineOf(db) === 'postgres') return migratePg(db as never);
	migrate(db as unknown as SqliteDb, { migrationsFolder: MIGRATIONS_DIR });
}

/** Closes the database's connections (a script's last step). */
export async function closeDb(db: RootDb): Promise<void> {
	if (engineOf(db) === 'postgres') await (db.$client as postgres.Sql).end();
	else (db.$client as Database.Database).close();
}

/** Whether the database answers: one trivial query. */
export async function ping(db: RootDb): Promise<void> {
	if (engineOf(db) === 'postgres')
		await (db as unknown as PgDatabase<never>).execute(sql`select 1`);
	else sqliteClient(db).prepare('select 1').get();
}

/** A migrated in-memory SQLite database, whatever the process serves (engine-specific tests). */
export function openSqliteTestDb(): SqliteDb {
	const db = openSqlite(':memory:');
	migrate(db, { migrationsFolder: MIGRATIONS_DIR });
	return db;
}

function journalLength(dir: string): number {
	const journal = JSON.parse(readFileSync(resolve(dir, 'meta/_journal.json'), 'utf8')) as {
		entries: unknown[];
	};
	return journal.entries.length;
}

/** How many migrations the code ships and how many the database has applied. */
export async function migrationState(db: RootDb): Promise<{ shipped: number; applied: number }> {
	if (engineOf(db) === 'postgres') {
		const pg = db as unknown as PgDatabase<never>;
		const [{ n }] = (await pg.execute(
			sql`select count(*)::int as n from pg_tables where schemaname = 'drizzle' and tablename = '__drizzle_migrations'`
		)) as unknown as { n: number }[];
		const applied = n
			? (
					(await pg.execute(
						sql`select count(*)::int as n from drizzle.__drizzle_migrations`
					)) as unknown as { n: number }[]
				)[0].n
			: 0;
		return { shipped: journalLength(pgMigrationsDir()), applied };
	}
	const client = sqliteClient(db);
	const row = client
		.prepare(
			"select count(*) as n from sqlite_master where type = 'table' and name = '__drizzle_migrations'"
		)
		.get() as { n: number };
	const applied = row.n
		? (client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n
		: 0;
	return { shipped: journalLength(MIGRATIONS_DIR), applied };
}

let shared: RootDb | undefined;

/** The app's database, opened on first use from `DATABASE_URL`. */
export function getDb(): RootDb {
	shared ??= openDb();
	return shared;
}
