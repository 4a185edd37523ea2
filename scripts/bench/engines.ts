/**
 * The benchmarks that go through the services, on PostgreSQL too: when `BENCH_PG_URL` (or
 * `PG_TEST_URL`, which the test cluster script sets) names a PostgreSQL server, the data a
 * benchmark generated in its SQLite file is copied (`db:copy`) into a database of its own
 * there, and the same service calls are timed in a child process serving PostgreSQL (a
 * process serves one engine: the services use that engine's tables). Raw-SQL baselines stay
 * SQLite's own.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { copyDatabase } from '../../src/lib/server/db/copy';
import type { BenchRow } from './harness';

export const BENCH_PG_URL = process.env.BENCH_PG_URL || process.env.PG_TEST_URL;

/**
 * Runs `use` with the URL of a PostgreSQL database of its own holding a copy of `sqliteFile`,
 * dropped afterwards. Only call it when `BENCH_PG_URL` is set.
 */
export async function withPgCopy<T>(sqliteFile: string, use: (url: string) => Promise<T>) {
	if (!BENCH_PG_URL) throw new Error('withPgCopy needs BENCH_PG_URL');
	const name = `sahakar_bench_${randomBytes(6).toString('hex')}`;
	const admin = postgres(BENCH_PG_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	try {
		const url = new URL(BENCH_PG_URL);
		url.pathname = `/${name}`;
		await copyDatabase(sqliteFile, url.toString());
		return await use(url.toString());
	} finally {
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

/** Rows of `measure` (a name in on-postgres.ts) over a copy of `sqliteFile`; none without PostgreSQL. */
export async function onPostgres(
	measure: string,
	sqliteFile: string,
	world: unknown
): Promise<BenchRow[]> {
	if (!BENCH_PG_URL) return [];
	return withPgCopy(sqliteFile, async (url) => {
		const run = spawnSync(
			'npx',
			['tsx', 'scripts/bench/on-postgres.ts', measure, JSON.stringify(world)],
			{
				env: { ...process.env, DATABASE_URL: url },
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
				maxBuffer: 64 * 1024 * 1024
			}
		);
		// A service that fails on PostgreSQL is a row saying so, not the end of the whole run.
		if (run.status !== 0)
			return [
				{
					name: `${measure}: FAILED on PostgreSQL`,
					value: Number.NaN,
					unit: '',
					engine: 'postgres',
					note: (
						run.stderr.match(/cause: (.*)$/m)?.[1] ??
						run.stderr.match(/^\w*Error: .*$/m)?.[0] ??
						`exit ${run.status}`
					).slice(0, 160)
				}
			];
		const lines = run.stdout.trim().split('\n');
		const rows = JSON.parse(lines[lines.length - 1]) as BenchRow[];
		return rows.map((r) => ({ ...r, engine: 'postgres' as const }));
	});
}

/** Each PostgreSQL row right below the SQLite row of the same name, so the two read side by side. */
export function pairByEngine(rows: BenchRow[]): BenchRow[] {
	const pg = rows.filter((r) => r.engine === 'postgres');
	const out: BenchRow[] = [];
	for (const row of rows.filter((r) => r.engine !== 'postgres')) {
		out.push(row);
		out.push(...pg.filter((p) => p.name === row.name));
	}
	return [...out, ...pg.filter((p) => !out.includes(p))];
}
