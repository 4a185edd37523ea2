/**
 * The built app under load (`npm run build` first): autocannon, 64 connections, a bounded time
 * per target, loopback only, over a demo database of its own. The same server first answers a
 * static asset: that is the ceiling the pages are compared with. Memory is the server's resident
 * set (every process of it), its peak while loaded and again after a minute idle.
 */
import { randomUUID } from 'node:crypto';
import autocannon, { type Options, type Result } from 'autocannon';
import { createApiToken } from '../../src/lib/server/auth/api-tokens';
import { sqliteClient, closeDb, openDb } from '../../src/lib/server/db';
import { startServer, returnResponseId, shelterResponseId, type BenchServer } from './server';
import type { Bench, BenchRow } from './harness';

const CONNECTIONS = 64;
/** Seconds per target; `BENCH_LOAD_SECONDS` shortens a quick run. */
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const WARMUP_SECONDS = 2;
const SHARE_TARGET = 0.05;
const P99_TARGET_MS = 250;
const PEAK_RSS_TARGET_MB = 300;
const IDLE_RSS_TARGET_MB = 200;
/**
 * What the requests say they read, as a browser does (Chromium's header); the server compresses
 * pages and exports for it. `BENCH_LOAD_ACCEPT_ENCODING=identity` asks for them uncompressed.
 */
const ACCEPT_ENCODING = process.env.BENCH_LOAD_ACCEPT_ENCODING ?? 'gzip, deflate, br, zstd';
/** The minute after the load; `BENCH_LOAD_IDLE_SECONDS` shortens a quick run (its row says so). */
const IDLE_SECONDS = Number(process.env.BENCH_LOAD_IDLE_SECONDS ?? 60);

interface Target {
	name: string;
	/** Path and query on the server (autocannon takes them from the URL only). */
	path: string;
	options?: Partial<Options>;
}

/** A field account's API token and where its tallies go, written beside the running server. */
async function tallyWorld(path: string) {
	const db = openDb(path);
	try {
		const user = sqliteClient(db)
			.prepare(`select id, role, organisation_id as organisationId from users where email = ?`)
			.get('field@demo.sahakar.org') as {
			id: number;
			role: 'field';
			organisationId: number;
		};
		const { token } = await createApiToken(db, user, 'load bench', ['write']);
		const place = sqliteClient(db)
			.prepare(
				`select r.id as responseId, r.start_date as day, l.id as locationId from responses r, locations l
				 where r.kind = 'mass_return' and l.kind = 'border_crossing' order by r.id, l.id limit 1`
			)
			.get() as { responseId: number; day: string; locationId: number };
		return { token, ...place };
	} finally {
		await closeDb(db);
	}
}

function tallyBody(w: Awaited<ReturnType<typeof tallyWorld>>): string {
	return JSON.stringify({
		id: randomUUID(),
		responseId: w.responseId,
		locationId: w.locationId,
		arrivedOn: w.day,
		shift: 'morning',
		f_0_5: 3,
		m_0_5: 2,
		f_6_17: 4,
		m_6_17: 5,
		f_18_59: 20,
		m_18_59: 31,
		f_60: 1,
		m_60: 2,
		disabled: 1,
		destinations: [{ pcode: 'KH02', persons: 40 }]
	});
}

/** `seconds` of load on one target. */
function load(server: BenchServer, target: Target, seconds: number): Promise<Result> {
	return autocannon({
		url: server.origin + target.path,
		connections: CONNECTIONS,
		duration: seconds,
		// A slow answer counts in p99 rather than as a dropped connection.
		timeout: 30,
		...target.options,
		headers: { 'accept-encoding': ACCEPT_ENCODING, ...target.options?.headers }
	});
}

/**
 * A target measured: a short unmeasured run first, so every figure is warm, then the run, and
 * the server's CPU time from its start until the server has answered everything sent (per
 * request sent: what a busy machine does not change, unlike requests per second).
 */
async function run(server: BenchServer, target: Target) {
	await load(server, target, WARMUP_SECONDS);
	await drained(server);
	const cpu0 = server.cpuSeconds();
	const result = await load(server, target, SECONDS);
	await drained(server);
	const cpuMsPerRequest = ((server.cpuSeconds() - cpu0) * 1000) / Math.max(1, result.requests.sent);
	return { result, cpuMsPerRequest };
}

/** Failed answers; a run where nothing at all was answered counts as failed throughout. */
const errorsOf = (r: Result) => r.errors + r.timeouts + r.non2xx + (r.requests.total ? 0 : 1);
/** What went wrong, for the note: status codes other than 2xx, and the count of socket errors. */
const errorDetail = (r: Result) =>
	[
		...Object.entries(r.statusCodeStats ?? {})
			.filter(([code]) => !code.startsWith('2'))
			.map(([code, { count }]) => `${count}× ${code}`),
		...(r.errors ? [`${r.errors} socket errors`] : []),
		...(r.timeouts ? [`${r.timeouts} timeouts`] : [])
	].join(', ');
/**
 * autocannon stops at its time but the server still answers what was sent; the next target
 * starts once the server answers at once again, so no run pays for the one before.
 */
async function drained(server: BenchServer) {
	// Bounded: on a machine busy with other work the check itself may stay slow.
	const until = performance.now() + 120_000;
	while (performance.now() < until) {
		const start = performance.now();
		// A connection autocannon left half-closed may be reset: that is not an answer yet.
		const ok = await fetch(`${server.origin}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (ok && performance.now() - start < 50) return;
	}
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

export const loadBench: Bench = {
	name: 'load',
	async run({ workDir }) {
		const server = await startServer(workDir, Number(process.env.BENCH_LOAD_PORT ?? 4313));
		try {
			const cookie = await server.signIn('coordinator@demo.sahakar.org');
			const returnId = returnResponseId(server.databasePath);
			const shelterId = shelterResponseId(server.databasePath);
			const tally = await tallyWorld(server.databasePath);
			const signedIn = { headers: { cookie } };
			const targets: Target[] = [
				{
					// What every signed-in page pays (session, header, layout, frame): the others' floor.
					name: 'signed-in home page',
					path: '/',
					options: signedIn
				},
				{
					name: 'returns dashboard',
					path: `/responses/${returnId}/returns`,
					options: signedIn
				},
				{
					name: '4W page',
					path: `/responses/${shelterId}/shelter/activities`,
					options: signedIn
				},
				{
					name: 'tally API (POST, new id each)',
					path: '/api/v1/returns/tallies',
					options: {
						method: 'POST',
						headers: {
							authorization: `Bearer ${tally.token}`,
							'content-type': 'application/json'
						},
						requests: [
							{
								setupRequest: (req) => ({ ...req, body: tallyBody(tally) })
							}
						]
					}
				},
				{
					name: 'manifests.csv export',
					path: `/api/v1/export/manifests.csv?responseId=${returnId}`,
					options: signedIn
				}
			];

			let peak = server.rssMb();
			/** The peak while each target ran, to say which one took the memory. */
			let targetPeak = 0;
			const sampler = setInterval(() => {
				const now = server.rssMb();
				peak = Math.max(peak, now);
				targetPeak = Math.max(targetPeak, now);
			}, 250);
			const peaks: string[] = [];
			const rows: BenchRow[] = [];
			let ceiling: number;
			try {
				const { result: staticRun, cpuMsPerRequest: staticCpu } = await run(server, {
					name: 'static',
					path: '/robots.txt'
				});
				ceiling = staticRun.requests.average;
				rows.push({
					name: `load: static asset (/robots.txt), ${CONNECTIONS} connections, WORKERS=${process.env.WORKERS ?? 1}, Accept-Encoding: ${ACCEPT_ENCODING}`,
					value: ceiling,
					unit: 'req/s',
					note: `p99 ${staticRun.latency.p99} ms, ${errorsOf(staticRun)} errors ${errorDetail(staticRun)}; the ceiling; ${staticCpu.toFixed(2)} ms of server CPU per request`
				});
				peaks.push(`static ${targetPeak.toFixed(0)}`);
				for (const target of targets) {
					targetPeak = 0;
					const { result: r, cpuMsPerRequest } = await run(server, target);
					peaks.push(`${target.name} ${targetPeak.toFixed(0)}`);
					const share = r.requests.average / ceiling;
					const errors = errorsOf(r);
					rows.push(
						{
							name: `load: ${target.name}`,
							value: r.requests.average,
							unit: 'req/s',
							baseline: ceiling,
							baselineLabel: 'static asset, same server, same run',
							better: 'higher',
							note: `${(share * 100).toFixed(1)}% of static (target ≥ ${SHARE_TARGET * 100}%): ${verdict(share >= SHARE_TARGET)}`
						},
						{
							name: `load: ${target.name}, p99`,
							value: r.latency.p99,
							unit: 'ms',
							note: `target ≤ ${P99_TARGET_MS} ms: ${verdict(r.requests.total > 0 && r.latency.p99 <= P99_TARGET_MS)} (median ${r.latency.p50} ms)`
						},
						{
							name: `load: ${target.name}, errors`,
							value: errors,
							unit: 'requests',
							note: `of ${r.requests.total}; target 0: ${verdict(errors === 0)} ${errorDetail(r)}`
						},
						{
							name: `load: ${target.name}, server CPU per request`,
							value: cpuMsPerRequest,
							unit: 'ms',
							note: `${r.requests.sent} sent; every process of the server, until all were answered`
						}
					);
				}
			} finally {
				clearInterval(sampler);
			}
			// Idle: nothing sent for a minute; the server gives back what the load took.
			await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
			const idle = server.rssMb();
			rows.push(
				{
					name: 'load: server memory (RSS) peak under load',
					value: peak,
					unit: 'MB',
					note: `target ≤ ${PEAK_RSS_TARGET_MB} MB: ${verdict(peak <= PEAK_RSS_TARGET_MB)}; per target (MB): ${peaks.join(', ')}`
				},
				{
					name: `load: server memory (RSS) after ${IDLE_SECONDS} s idle`,
					value: idle,
					unit: 'MB',
					note: `target < ${IDLE_RSS_TARGET_MB} MB: ${verdict(idle < IDLE_RSS_TARGET_MB)}`
				}
			);
			return rows;
		} finally {
			await server.stop();
		}
	}
};
