/**
 * Data exports: 1,000,000 assessments (times `--scale`) downloaded from the built server as CSV
 * and as XLSX, each on a fresh server so its peak memory is the export's: rows per second, time
 * to first byte and the server's peak RSS, beside the `sqlite3` command-line tool writing the
 * same rows as CSV, and ExcelJS writing the same rows as plain XLSX. When a PostgreSQL server is
 * at hand, the same rows copied there and served from it, beside psql's `COPY … TO STDOUT`.
 * Needs `npm run build` first.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import postgres from 'postgres';
import { createApiToken } from '../../src/lib/server/auth/api-tokens';
import { fillAssessments } from '../../src/lib/server/exports/testing';
import { serve } from './assessments';
import { BENCH_PG_URL, withPgCopy } from './engines';
import {
	benchCoordinator,
	benchDb,
	benchFloodResponse,
	type Bench,
	type BenchRow
} from './harness';
import { sqliteClient, closeDb } from '../../src/lib/server/db';

async function world(path: string, n: number) {
	const db = await benchDb(path);
	const { organisationId, userId } = await benchCoordinator(db);
	const responseId = await benchFloodResponse(db);
	await fillAssessments(db, { responseId, organisationId, userId }, n);
	const { token } = await createApiToken(
		db,
		{ id: userId, role: 'coordinator', organisationId },
		'bench',
		['export']
	);
	sqliteClient(db).pragma('wal_checkpoint(TRUNCATE)');
	await closeDb(db);
	return { token, responseId };
}

/** A process's peak resident memory so far (Linux), in MB. */
function peakRssMb(pid: number | undefined): number {
	if (!pid) return Number.NaN;
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = /VmHWM:\s+(\d+) kB/.exec(status);
	return kb ? Number(kb[1]) / 1024 : Number.NaN;
}

async function download(url: string, token: string) {
	const start = performance.now();
	const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
	if (!res.ok || !res.body) throw new Error(`export answered ${res.status}: ${await res.text()}`);
	let firstByte = Number.NaN;
	let bytes = 0;
	for await (const chunk of res.body) {
		if (!bytes) firstByte = performance.now() - start;
		bytes += chunk.byteLength;
	}
	return { seconds: (performance.now() - start) / 1000, firstByte, bytes };
}

/** `sqlite3`, installed with apt-get when missing and allowed (root); null when it cannot be. */
function sqlite3Cli(): string | null {
	try {
		return execFileSync('sh', ['-c', 'command -v sqlite3'], { encoding: 'utf8' }).trim();
	} catch {
		if (process.getuid?.() !== 0) return null;
		try {
			execFileSync('apt-get', ['install', '-y', '-qq', 'sqlite3'], { stdio: 'ignore' });
			return execFileSync('sh', ['-c', 'command -v sqlite3'], { encoding: 'utf8' }).trim();
		} catch {
			return null;
		}
	}
}

/** The same rows, joins and order as the export, written by the sqlite3 shell as CSV. */
const BASELINE_SQL = `select a.*, o.acronym, p.name_en, p.name_km, d.name_en, d.name_km, x.name_en, x.name_km,
	(select r.decision from assessment_reviews r where r.assessment_seq = a.seq order by r.id desc limit 1)
	from assessments a join organisations o on o.id = a.organisation_id
	left join admin_areas p on p.pcode = a.province_pcode
	left join admin_areas d on d.pcode = a.district_pcode
	left join admin_areas x on x.pcode = a.pcode
	where a.response_id = ? order by a.observed_on, a.seq`;

async function sqliteSeconds(cli: string, path: string, responseId: number, out: string) {
	const start = performance.now();
	const child = spawn(cli, ['-csv', '-header', '-readonly', path], {
		stdio: ['pipe', 'pipe', 'inherit']
	});
	child.stdout.pipe(createWriteStream(out));
	child.stdin.end(`${BASELINE_SQL.replace('?', String(responseId))};\n`);
	await new Promise<void>((resolve, reject) =>
		child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`sqlite3 ${code}`))))
	);
	return (performance.now() - start) / 1000;
}

/**
 * The plainest XLSX of the same rows: the baseline query's raw rows from one better-sqlite3
 * statement into ExcelJS's streaming writer, no styles, no date cells, no HXL row, in process.
 */
async function plainXlsxSeconds(path: string, responseId: number, out: string) {
	const start = performance.now();
	const db = new Database(path, { readonly: true });
	try {
		const statement = db.prepare(BASELINE_SQL.replace('?', String(responseId))).raw();
		const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out });
		const sheet = workbook.addWorksheet('assessments');
		sheet.addRow(statement.columns().map((c) => c.name)).commit();
		for (const row of statement.iterate()) sheet.addRow(row as unknown[]).commit();
		sheet.commit();
		await workbook.commit();
	} finally {
		db.close();
	}
	return (performance.now() - start) / 1000;
}

/** `psql`, or null when PostgreSQL's client is not installed. */
function psqlCli(): string | null {
	try {
		return execFileSync('sh', ['-c', 'command -v psql'], { encoding: 'utf8' }).trim();
	} catch {
		return null;
	}
}

/** The same rows as CSV written by PostgreSQL's own `COPY … TO STDOUT` through psql. */
async function psqlSeconds(cli: string, url: string, responseId: number, out: string) {
	const start = performance.now();
	const child = spawn(cli, [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1'], {
		stdio: ['pipe', 'pipe', 'inherit']
	});
	child.stdout.pipe(createWriteStream(out));
	child.stdin.end(
		`copy (${BASELINE_SQL.replace('?', String(responseId))}) to stdout with (format csv, header);\n`
	);
	await new Promise<void>((resolve, reject) =>
		child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`psql ${code}`))))
	);
	return (performance.now() - start) / 1000;
}

/** The plain XLSX baseline on PostgreSQL: the same query's raw rows through a cursor. */
async function plainXlsxPgSeconds(url: string, responseId: number, out: string) {
	const start = performance.now();
	const client = postgres(url, { max: 1 });
	try {
		const query = BASELINE_SQL.replace('?', String(responseId));
		const { columns } = await client.unsafe(query).describe();
		const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out });
		const sheet = workbook.addWorksheet('assessments');
		sheet.addRow(columns.map((c) => c.name)).commit();
		for await (const batch of client.unsafe(query).values().cursor(2000)) {
			for (const row of batch) sheet.addRow(row as unknown[]).commit();
		}
		sheet.commit();
		await workbook.commit();
	} finally {
		await client.end();
	}
	return (performance.now() - start) / 1000;
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

interface Baselines {
	csv: { label: string; seconds: (out: string) => Promise<number> } | null;
	xlsx: { label: string; seconds: (out: string) => Promise<number> };
}

/**
 * Each format downloaded from a fresh built server over `database` (so its peak memory is the
 * export's), alternating with the same work done the plainest way on the same engine.
 */
async function measureExports(
	database: string,
	exported: { token: string; responseId: number; n: number },
	baselines: Baselines,
	workDir: string,
	engine: 'sqlite' | 'postgres'
): Promise<BenchRow[]> {
	const { token, responseId, n } = exported;
	const rows: BenchRow[] = [];
	const label = (what: string) => `exports: ${n.toLocaleString('en-US')} assessments as ${what}`;
	for (const format of ['csv', 'xlsx'] as const) {
		const baseline = baselines[format];
		const server = await serve(database);
		try {
			const url = `${server.url}/api/v1/export/assessments.${format}?responseId=${responseId}`;
			// The first request after start loads the export code; time it apart.
			const cold = await download(`${url}&from=2099-01-01`, token);
			const idle = peakRssMb(server.pid);
			// Warm for both: the data was just written, so it is in the OS page cache. The
			// baseline and ours alternate (baseline, ours, ours, baseline), so neither warms the
			// cache for the other.
			const baselineRuns: number[] = [];
			const runs: Awaited<ReturnType<typeof download>>[] = [];
			const baselineRun = async () =>
				baseline && baselineRuns.push(await baseline.seconds(join(workDir, `baseline.${format}`)));
			await baselineRun();
			runs.push(await download(url, token));
			if (baseline) {
				runs.push(await download(url, token));
				await baselineRun();
			}
			const peak = peakRssMb(server.pid);
			const seconds = runs.reduce((t, r) => t + r.seconds, 0) / runs.length;
			const firstByte = Math.max(...runs.map((r) => r.firstByte));
			const baselineSeconds = baselineRuns.length
				? baselineRuns.reduce((t, s) => t + s, 0) / baselineRuns.length
				: undefined;
			const share = baselineSeconds === undefined ? undefined : baselineSeconds / seconds;
			rows.push(
				{
					name: label(format.toUpperCase()),
					value: n / seconds,
					unit: 'rows/s',
					baseline: baselineSeconds === undefined ? undefined : n / baselineSeconds,
					baselineLabel: baseline?.label ?? 'n/a: no command-line client',
					better: 'higher',
					engine,
					note:
						share === undefined
							? `${(runs[0].bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s, warm`
							: format === 'csv'
								? `${pct(share)} of the command-line client (target ≥ 50%): ${verdict(share >= 0.5)}; warm, mean of ${runs.length} alternated runs each`
								: `${pct(share)} of the plain writer (no target); ${(runs[0].bytes / 1e6).toFixed(0)} MB, warm, mean of ${runs.length} alternated runs each`
				},
				{
					name: `exports: ${format.toUpperCase()} time to first byte`,
					value: firstByte,
					unit: 'ms',
					engine,
					note: `target ≤ 200 ms: ${verdict(firstByte <= 200)} (worst of ${runs.length}); first request after start (empty export): ${cold.firstByte.toFixed(0)} ms`
				},
				{
					name: `exports: ${format.toUpperCase()} server peak RSS`,
					value: peak,
					unit: 'MB',
					baseline: idle,
					baselineLabel: 'the same server before the export',
					better: 'lower',
					engine,
					note: `target ≤ 256 MB: ${verdict(peak <= 256)}`
				}
			);
		} finally {
			server.stop();
		}
	}
	return rows;
}

export const exportsBench: Bench = {
	name: 'exports',
	async run({ scale, workDir }) {
		const n = Math.max(1000, Math.round(1_000_000 * scale));
		const path = join(workDir, 'exports.db');
		const { token, responseId } = await world(path, n);
		const exported = { token, responseId, n };
		const xlsxLabel = 'ExcelJS streaming raw rows of the same query, in process, no styles';
		const sqlite3 = sqlite3Cli();
		const rows = await measureExports(
			path,
			exported,
			{
				csv: sqlite3
					? {
							label: 'sqlite3 -csv, same rows and joins',
							seconds: (out) => sqliteSeconds(sqlite3, path, responseId, out)
						}
					: null,
				xlsx: { label: xlsxLabel, seconds: (out) => plainXlsxSeconds(path, responseId, out) }
			},
			workDir,
			'sqlite'
		);
		if (!BENCH_PG_URL) return rows;
		// The same rows copied to PostgreSQL, the server serving them from there.
		const psql = psqlCli();
		const onPg = await withPgCopy(path, (url) =>
			measureExports(
				url,
				exported,
				{
					csv: psql
						? {
								label: 'psql COPY … TO STDOUT (CSV), same rows and joins',
								seconds: (out) => psqlSeconds(psql, url, responseId, out)
							}
						: null,
					xlsx: { label: xlsxLabel, seconds: (out) => plainXlsxPgSeconds(url, responseId, out) }
				},
				workDir,
				'postgres'
			)
		);
		return [...rows, ...onPg];
	}
};
