/**
 * Backup and restore with SQLite's online backup API: a consistent copy taken page by page while
 * the app keeps running, and a restore that SQLite writes under its own locks, so the app's
 * connections see the restored data at their next read.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';

export class BackupError extends Error {}

function tableCount(db: Database.Database): number {
	return (
		db.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as {
			n: number;
		}
	).n;
}

/** A readable Sahakar database: SQLite's integrity check passes and its migrations are there. */
function assertSound(path: string, what: string): void {
	let db: Database.Database | undefined;
	try {
		db = new Database(path, { readonly: true, fileMustExist: true });
		const check = db.pragma('integrity_check', { simple: true });
		if (check !== 'ok') throw new BackupError(`${what} ${path} is damaged: ${String(check)}`);
		const migrations = db
			.prepare(
				"select count(*) as n from sqlite_master where type = 'table' and name = '__drizzle_migrations'"
			)
			.get() as { n: number };
		if (!migrations.n) throw new BackupError(`${what} ${path} is not a Sahakar database.`);
	} catch (e) {
		if (e instanceof BackupError) throw e;
		throw new BackupError(`${what} ${path} is not a readable SQLite database (${String(e)}).`);
	} finally {
		db?.close();
	}
}

/** Copies the database at `source` to `target` (which must not exist yet) and checks the copy. */
export async function backupDatabase(source: string, target: string): Promise<{ pages: number }> {
	if (!existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
	if (existsSync(target)) {
		throw new BackupError(`${target} already exists: choose a new file name for the backup.`);
	}
	const db = new Database(source, { fileMustExist: true });
	try {
		const { totalPages } = await db.backup(target);
		assertSound(target, 'The backup');
		return { pages: totalPages };
	} finally {
		db.close();
	}
}

/**
 * Writes the backup at `backup` over the database at `target`. A database that already holds
 * data (the live one) is only overwritten with `force`.
 */
export async function restoreDatabase(
	backup: string,
	target: string,
	{ force = false } = {}
): Promise<{ pages: number }> {
	if (resolve(backup) === resolve(target)) {
		throw new BackupError('The backup and the database are the same file.');
	}
	assertSound(backup, 'The backup');
	if (existsSync(target) && !force) {
		const live = new Database(target, { readonly: true });
		const tables = tableCount(live);
		live.close();
		if (tables > 0) {
			throw new BackupError(
				`${target} is a database in use. Restoring replaces everything in it with the backup; ` +
					'add --force to do that.'
			);
		}
	}
	const source = new Database(backup, { readonly: true, fileMustExist: true });
	try {
		const { totalPages } = await source.backup(target);
		return { pages: totalPages };
	} finally {
		source.close();
	}
}
