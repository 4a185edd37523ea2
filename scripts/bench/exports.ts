/**
 * Data exports: 1,000,000 assessments (times `--scale`) downloaded from the built server as CSV
 * and as XLSX, each on a fresh server so its peak memory is the export's: rows per second, time
 * to first byte and the server's peak RSS, beside the `sqlite3` command-line tool writing the
 * same rows as CSV, and ExcelJS writing the same rows as plain XLSX. Needs `npm run build` first.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { createApiToken } from '../../src/lib/server/auth/api-tokens';
import { fillAssessments } from '../../src/lib/server/exports/testing';
import { serve } from './assessments';
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

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

export const exportsBench: Bench = {
	name: 'exports',
	async run({ scale, workDir }) {
		const n = Math.max(1000, Math.round(1_000_000 * scale));
		const path = join(workDir, 'exports.db');
		const { token, responseId } = await world(path, n);
		const cli = sqlite3Cli();
		const rows: BenchRow[] = [];
		const label = (what: string) => `exports: ${n.toLocaleString('en-US')} assessments as ${what}`;
		for (const format of ['csv', 'xlsx'] as const) {
			const server = await serve(path);
			try {
				const url = `${server.url}/api/v1/export/assessments.${format}?responseId=${responseId}`;
				// The first request after start loads the export code; time it apart.
				const cold = await download(`${url}&from=2099-01-01`, token);
				const idle = peakRssMb(server.pid);
				// Warm for both: the file was just written, so it is in the OS page cache. The CLI
				// and ours alternate (CLI, ours, ours, CLI), so neither warms the cache for the other.
				const compare = format === 'xlsx' || !!cli;
				const baselineRuns: number[] = [];
				const runs: Awaited<ReturnType<typeof download>>[] = [];
				const baselineRun = async () =>
					baselineRuns.push(
						format === 'csv'
							? await sqliteSeconds(cli as string, path, responseId, join(workDir, 'baseline.csv'))
							: await plainXlsxSeconds(path, responseId, join(workDir, 'baseline.xlsx'))
					);
				if (compare) await baselineRun();
				runs.push(await download(url, token));
				if (compare) {
					runs.push(await download(url, token));
					await baselineRun();
				}
				const peak = peakRssMb(server.pid);
				const seconds = runs.reduce((t, r) => t + r.seconds, 0) / runs.length;
				const firstByte = Math.max(...runs.map((r) => r.firstByte));
				const baseline = baselineRuns.length
					? baselineRuns.reduce((t, s) => t + s, 0) / baselineRuns.length
					: undefined;
				const share = baseline === undefined ? undefined : baseline / seconds;
				rows.push(
					{
						name: label(format.toUpperCase()),
						value: n / seconds,
						unit: 'rows/s',
						baseline: baseline === undefined ? undefined : n / baseline,
						baselineLabel:
							format === 'xlsx'
								? 'ExcelJS streaming raw rows of the same query, in process, no styles'
								: baseline === undefined
									? 'n/a: no sqlite3'
									: 'sqlite3 -csv, same rows and joins',
						better: 'higher',
						note:
							share === undefined
								? `${(runs[0].bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s, warm`
								: format === 'csv'
									? `${pct(share)} of sqlite3 (target ≥ 50%): ${verdict(share >= 0.5)}; warm, mean of ${runs.length} alternated runs each`
									: `${pct(share)} of the plain writer (no target); ${(runs[0].bytes / 1e6).toFixed(0)} MB, warm, mean of ${runs.length} alternated runs each`
					},
					{
						name: `exports: ${format.toUpperCase()} time to first byte`,
						value: firstByte,
						unit: 'ms',
						note: `target ≤ 200 ms: ${verdict(firstByte <= 200)} (worst of ${runs.length}); first request after start (empty export): ${cold.firstByte.toFixed(0)} ms`
					},
					{
						name: `exports: ${format.toUpperCase()} server peak RSS`,
						value: peak,
						unit: 'MB',
						baseline: idle,
						baselineLabel: 'the same server before the export',
						better: 'lower',
						note: `target ≤ 256 MB: ${verdict(peak <= 256)}`
					}
				);
			} finally {
				server.stop();
			}
		}
		return rows;
	}
};
