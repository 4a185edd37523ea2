/**
 * Throwaway PostgreSQL databases for tests, made in the cluster `PG_TEST_URL` names (npm test
 * starts one with scripts/pg-test-cluster.sh). Without it the PostgreSQL tests skip and say so.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openPg, type PgDb } from './pg';

export const PG_TEST_URL = process.env.PG_TEST_URL;

if (!PG_TEST_URL) {
	console.warn(
		'PostgreSQL tests skipped: PG_TEST_URL is not set (npm test sets it through scripts/pg-test-cluster.sh).'
	);
}

/** An empty database of its own, and how to drop it. */
export async function freshPgDatabase(): Promise<{
	url: string;
	db: PgDb;
	drop: () => Promise<void>;
}> {
	if (!PG_TEST_URL) throw new Error('PG_TEST_URL is not set');
	const name = `sahakar_test_${randomBytes(6).toString('hex')}`;
	const admin = postgres(PG_TEST_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(PG_TEST_URL);
	url.pathname = `/${name}`;
	const db = openPg(url.toString());
	return {
		url: url.toString(),
		db,
		drop: async () => {
			await db.$client.end();
			await admin.unsafe(`drop database ${name} with (force)`);
			await admin.end();
		}
	};
}
