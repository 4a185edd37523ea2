import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { migrateDb, openDb, type RootDb } from '.';
import { organisations } from './schema';
import { BackupError, backupDatabase, restoreDatabase } from './backup';
import { closeDb, sqliteClient } from './index';

let dir: string;
let live: RootDb;
let livePath: string;

const names = async (db: RootDb) =>
	(
		await db
			.select({ acronym: organisations.acronym })
			.from(organisations)
			.orderBy(asc(organisations.acronym))
	).map((o) => o.acronym);
const addOrganisation = async (db: RootDb, acronym: string) => {
	await db.insert(organisations).values({ name: acronym, acronym, type: 'ngo' });
};

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'sahakar-backup-'));
	livePath = join(dir, 'sahakar.db');
	live = openDb(livePath);
	await migrateDb(live);
	await addOrganisation(live, 'IOM');
	await addOrganisation(live, 'CRC');
});

afterEach(async () => {
	await closeDb(live);
	rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
	it('backs up the running database and restores it over later changes, app still connected', async () => {
		const file = join(dir, 'nightly.db');
		await backupDatabase(livePath, file);
		await addOrganisation(live, 'PIN');
		expect(await names(live)).toEqual(['CRC', 'IOM', 'PIN']);

		await restoreDatabase(file, livePath, { force: true });
		// The app's own connection, open all along, reads the restored rows.
		expect(await names(live)).toEqual(['CRC', 'IOM']);
		expect(sqliteClient(live).pragma('integrity_check', { simple: true })).toBe('ok');
	});

	it('refuses to overwrite a database in use without force, and changes nothing', async () => {
		const file = join(dir, 'nightly.db');
		await backupDatabase(livePath, file);
		await addOrganisation(live, 'PIN');
		await expect(restoreDatabase(file, livePath)).rejects.toThrow(/add --force/);
		expect(await names(live)).toEqual(['CRC', 'IOM', 'PIN']);
	});

	it('restores into a new place without force', async () => {
		const file = join(dir, 'nightly.db');
		await backupDatabase(livePath, file);
		const fresh = join(dir, 'new-server.db');
		await restoreDatabase(file, fresh);
		const restored = openDb(fresh);
		expect(await names(restored)).toEqual(['CRC', 'IOM']);
		await closeDb(restored);
	});

	it('never overwrites an earlier backup, and refuses what is not a Sahakar backup', async () => {
		const file = join(dir, 'nightly.db');
		await backupDatabase(livePath, file);
		await expect(backupDatabase(livePath, file)).rejects.toThrow(/already exists/);
		const stranger = openDb(join(dir, 'other.db'));
		sqliteClient(stranger).exec('create table notes (text)');
		await closeDb(stranger);
		await expect(restoreDatabase(join(dir, 'other.db'), livePath, { force: true })).rejects.toThrow(
			BackupError
		);
		expect(await names(live)).toEqual(['CRC', 'IOM']);
	});

	it('works from the command line as the README says', async () => {
		const run = (script: string, ...args: string[]) =>
			spawnSync('npx', ['tsx', `scripts/${script}.ts`, ...args], {
				env: { ...process.env, DATABASE_URL: livePath },
				encoding: 'utf8'
			});
		const file = join(dir, 'cli.db');
		expect(run('db-backup', file).status).toBe(0);
		await addOrganisation(live, 'PIN');
		const refused = run('db-restore', file);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toContain('add --force');
		expect(run('db-restore', file, '--force').status).toBe(0);
		expect(await names(live)).toEqual(['CRC', 'IOM']);
	}, 120_000);
});
