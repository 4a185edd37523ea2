/**
 * Data exports: 1,000,000 assessments (times `--scale`) downloaded from the built server as CSV
 * and as XLSX, each on a fresh server so its peak memory is the export's: rows per second, time
 * to first byte and the server's peak RSS, beside the `sqlite3` command-line tool writing the
 * same rows as CSV. Needs `npm run build` first.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

function world(path: string, n: number) {
	const db = benchDb(path);
	const { organisationId, userId } = benchCoordinator(db);
	const responseId = benchFloodResponse(db);
	fillAssessments(db, { responseId, organisationId, userId }, n);
	const { token } = createApiToken(
		db,
		{ id: userId, role: 'coordinator', organisationId },
		'bench',
		['export']
	);
	db.$client.pragma('wal_checkpoint(TRUNCATE)');
	db.$client.close();
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

export const exportsBench: Bench = {
	name: 'exports',
	async run({ scale, workDir }) {
		const n = Math.max(1000, Math.round(1_000_000 * scale));
		const path = join(workDir, 'exports.db');
		const { token, responseId } = world(path, n);
		const cli = sqlite3Cli();
		const baseline = cli
			? await sqliteSeconds(cli, path, responseId, join(workDir, 'baseline.csv'))
			: undefined;
		const rows: BenchRow[] = [];
		const label = (what: string) => `exports: ${n.toLocaleString('en-US')} assessments as ${what}`;
		for (const format of ['csv', 'xlsx'] as const) {
			const server = await serve(path);
			try {
				const url = `${server.url}/api/v1/export/assessments.${format}?responseId=${responseId}`;
				// The first request after start loads the export code; time it apart.
				const cold = await download(`${url}&from=2099-01-01`, token);
				const idle = peakRssMb(server.pid);
				const run = await download(url, token);
				const peak = peakRssMb(server.pid);
				rows.push(
					{
						name: label(format.toUpperCase()),
						value: n / run.seconds,
						unit: 'rows/s',
						baseline: baseline === undefined ? undefined : n / baseline,
						baselineLabel: baseline === undefined ? 'n/a: no sqlite3' : 'sqlite3 -csv, same rows',
						better: 'higher',
						note: `${(run.bytes / 1e6).toFixed(0)} MB in ${run.seconds.toFixed(1)} s`
					},
					{
						name: `exports: ${format.toUpperCase()} time to first byte`,
						value: run.firstByte,
						unit: 'ms',
						note: `first request after start (empty export): ${cold.firstByte.toFixed(0)} ms`
					},
					{
						name: `exports: ${format.toUpperCase()} server peak RSS`,
						value: peak,
						unit: 'MB',
						baseline: idle,
						baselineLabel: 'the same server before the export',
						better: 'lower'
					}
				);
			} finally {
				server.stop();
			}
		}
		return rows;
	}
};
