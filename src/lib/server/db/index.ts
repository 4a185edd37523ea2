import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';
import { cacheStatements } from './statements';

/** What services take: the database or a transaction on it, so they compose inside one. */
export type Db = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

/** The database itself, with its better-sqlite3 handle for raw statements. */
export type RootDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Where the committed migrations live; the server runs from the project's root. */
const MIGRATIONS_DIR = resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

const DEFAULT_DATABASE_URL = 'data/sahakar.db';

/** `DATABASE_URL` is a file path, optionally written `file:path`; `:memory:` for a throwaway one. */
export function databasePath(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): string {
	return url.startsWith('file:') ? url.slice('file:'.length) : url;
}

/** Which engine `DATABASE_URL` names: PostgreSQL for `postgres://…`, SQLite's file otherwise. */
export function databaseEngine(
	url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL
): 'sqlite' | 'postgres' {
	return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

export function openDb(url: string = databasePath()): RootDb {
	if (databaseEngine(url) === 'postgres') {
		// Until the services are async (issue 16), rather than a file named after the URL.
		throw new Error(
			'DATABASE_URL names PostgreSQL, which this version only copies to and from (npm run db:copy); the app serves SQLite'
		);
	}
	const path = databasePath(url);
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	cacheStatements(sqlite);
	return drizzle(sqlite, { schema, casing: 'snake_case' }) as RootDb;
}

export function migrateDb(db: RootDb): void {
	migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}

/** A migrated in-memory database: what service tests run against. */
export function openTestDb(): RootDb {
	const db = openDb(':memory:');
	migrateDb(db);
	return db;
}

/** How many migrations the code ships and how many the database has applied. */
export async function migrationState(db: RootDb): Promise<{ shipped: number; applied: number }> {
	const journal = JSON.parse(
		readFileSync(resolve(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')
	) as {
		entries: unknown[];
	};
	const row = db.$client
		.prepare(
			"select count(*) as n from sqlite_master where type = 'table' and name = '__drizzle_migrations'"
		)
		.get() as { n: number };
	const applied = row.n
		? (db.$client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number })
				.n
		: 0;
	return { shipped: journal.entries.length, applied };
}

let shared: RootDb | undefined;

/** The app's database, opened on first use from `DATABASE_URL`. */
export function getDb(): RootDb {
	shared ??= openDb();
	return shared;
}
