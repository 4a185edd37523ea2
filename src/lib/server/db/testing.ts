/**
 * A migrated, empty database for one test, on the engine the test process serves: SQLite in
 * memory, or (in the PostgreSQL test project) a database of its own copied from a migrated
 * template, dropped after the test (`tests/unit/pg-setup.ts`).
 */
import { ENGINE } from './engine';
import { openSqliteTestDb, type RootDb } from './index';
import { pgTestDatabase } from './pg-testing';

export async function openTestDb(): Promise<RootDb> {
	if (ENGINE === 'postgres') return (await pgTestDatabase()) as unknown as RootDb;
	return openSqliteTestDb() as unknown as RootDb;
}
