/**
 * Throwaway PostgreSQL databases for tests, made in the cluster `PG_TEST_URL` names (npm test
 * starts one with scripts/pg-test-cluster.sh). Without it the PostgreSQL tests skip and say so.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migratePg, openPg, type PgDb } from './pg';

export const PG_TEST_URL = process.env.PG_TEST_URL;

/** The migrated database every test database is copied from (made once per run). */
export const PG_TEMPLATE = 'sahakar_test_template';

if (!PG_TEST_URL) {
	console.warn(
		'PostgreSQL tests skipped: PG_TEST_URL is not set (npm test sets it through scripts/pg-test-cluster.sh).'
	);
}

function urlOf(name: string): string {
	if (!PG_TEST_URL) throw new Error('PG_TEST_URL is not set');
	const url = new URL(PG_TEST_URL);
	url.pathname = `/${name}`;
	return url.toString();
}

function admin() {
	if (!PG_TEST_URL) throw new Error('PG_TEST_URL is not set');
	return postgres(PG_TEST_URL, { max: 1, onnotice: () => {} });
}

/** A database of its own, empty or copied from `template`, and how to drop it. */
export async function freshPgDatabase(template?: string): Promise<{
	url: string;
	db: PgDb;
	drop: () => Promise<void>;
}> {
	const name = `sahakar_test_${randomBytes(6).toString('hex')}`;
	const sql = admin();
	try {
		await sql.unsafe(`create database ${name}${template ? ` template ${template}` : ''}`);
	} finally {
		await sql.end();
	}
	const db = openPg(urlOf(name));
	return {
		url: urlOf(name),
		db,
		drop: async () => {
			await db.$client.end();
			const sql = admin();
			try {
				await sql.unsafe(`drop database ${name} with (force)`);
			} finally {
				await sql.end();
			}
		}
	};
}

/** Makes the migrated template (the PostgreSQL test project's global set-up). */
export async function makePgTemplate(): Promise<() => Promise<void>> {
	const sql = admin();
	try {
		await sql.unsafe(`drop database if exists ${PG_TEMPLATE} with (force)`);
		await sql.unsafe(`create database ${PG_TEMPLATE}`);
	} finally {
		await sql.end();
	}
	const db = openPg(urlOf(PG_TEMPLATE));
	try {
		await migratePg(db);
	} finally {
		await db.$client.end();
	}
	return async () => {
		const sql = admin();
		try {
			await sql.unsafe(`drop database if exists ${PG_TEMPLATE} with (force)`);
		} finally {
			await sql.end();
		}
	};
}

/** Test databases not dropped yet, with when they were made (inside a test or before it). */
const open: { drop: () => Promise<void>; inTest: boolean }[] = [];
let inTest = false;

/** A migrated database for one test, dropped by `dropPgTestDatabases` after it. */
export async function pgTestDatabase(): Promise<PgDb> {
	const fresh = await freshPgDatabase(PG_TEMPLATE);
	open.push({ drop: fresh.drop, inTest });
	return fresh.db;
}

/** Marks the start of a test: databases made from now on go when it ends. */
export function testStarted(): void {
	inTest = true;
}

/** Drops the databases made during the test that ended (`all`: those of the file too). */
export async function dropPgTestDatabases(all = false): Promise<void> {
	inTest = false;
	const going = open.filter((d) => all || d.inTest);
	for (const d of going) open.splice(open.indexOf(d), 1);
	await Promise.all(going.map((d) => d.drop()));
}
