/**
 * Rapid assessments: ingesting submissions through the API against the built server (16
 * concurrent clients, bearer token), beside the same validation and service in process, on
 * SQLite and (when a PostgreSQL server is at hand) on PostgreSQL; and the coordinators' map
 * with 100,000 assessments, timed until idle in headless Chromium. Needs `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import postgres from 'postgres';
import { chromium, type BrowserContext } from 'playwright-core';
import {
	assessmentBatchSchema,
	assessmentSchema,
	affectedPersons,
	type Assessment,
	type AssessmentInput
} from '../../src/lib/domain/assessments';
import { pointsToGeoJSON } from '../../src/lib/components/map/points-worker.mjs';
import { sqliteClient, closeDb, type RootDb } from '../../src/lib/server/db';
import {
	assessmentDuplicates,
	assessments,
	auditLog,
	responses
} from '../../src/lib/server/db/schema';
import { transaction } from '../../src/lib/server/db/transaction';
import { createApiToken } from '../../src/lib/server/auth/api-tokens';
import { hashPassword } from '../../src/lib/server/auth/crypto';
import { contentHash, submitAssessment } from '../../src/lib/server/assessments/submit';
import { answerBatch } from '../../src/lib/server/assessments/batch';
import { installZodMessages } from '../../src/lib/domain/validation';
import config from '../../playwright.config';
import { startCommand } from './server';
import { BENCH_PG_URL, onPostgres, withPgCopy } from './engines';
import {
	benchCoordinator,
	benchDb,
	benchFloodResponse,
	quantile,
	rng,
	type Bench,
	type BenchRow
} from './harness';

const PASSWORD = 'bench-password-1';
/** Issue 17: records/s over HTTP at 16 clients, and at most this many times slower than in process. */
const INGEST_TARGET = 2000;
const INGEST_RATIO = 3;
/**
 * Records per request when sent as the offline outbox sends its queue (`{ records }`, up to 100
 * a request): a team's day of assessments coming online together.
 */
const BATCH = 25;
/** The issue's targets for the map of 100,000 points: ready (idle) within these. */
const COLD_TARGET_MS = 4_000;
const WARM_TARGET_MS = 2_000;
const RUNS = 3;

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

/** The built app on a port of its own, over the given database; stopped by the caller. */
export async function serve(
	database: string
): Promise<{ url: string; pid: number | undefined; stop: () => void }> {
	if (!existsSync('build/index.js')) throw new Error('Run `npm run build` before this benchmark.');
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	// As `npm start` serves it (its V8 flags and `WORKERS`).
	const child: ChildProcess = spawn(process.execPath, startCommand().slice(1), {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATABASE_URL: database
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const stop = () => child.kill();
	for (let i = 0; i < 200; i++) {
		try {
			if ((await fetch(`${url}/healthz`)).ok) return { url, pid: child.pid, stop };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	stop();
	throw new Error('The server did not start.');
}

/** One organisation, a coordinator, the flood response: what both benchmarks stand on. */
async function world(path: string) {
	const db = await benchDb(path);
	const { organisationId, userId } = await benchCoordinator(db, {
		passwordHash: await hashPassword(PASSWORD)
	});
	const responseId = await benchFloodResponse(db);
	const actor = { id: userId, role: 'coordinator' as const, organisationId };
	return { db, actor, responseId };
}

/** Plausible submissions around Battambang, the same on every run. */
function submissions(n: number, responseId: number, seed: number): AssessmentInput[] {
	const r = rng(seed);
	const hex = () => Math.floor(r() * 16).toString(16);
	const uuid = () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, hex);
	return Array.from({ length: n }, () => {
		const households = 10 + Math.floor(r() * 300);
		return {
			id: uuid(),
			responseId,
			lon: 103.2 + (r() - 0.5) * 0.4,
			lat: 13.0 + (r() - 0.5) * 0.4,
			accuracyM: 10,
			locationSource: 'gps',
			observedOn: `2020-10-${String(5 + Math.floor(r() * 25)).padStart(2, '0')}`,
			affectedHouseholds: households,
			affected_f_18_59: households * 2,
			affected_m_18_59: households * 2,
			displacedHouseholds: Math.floor(households / 4),
			displacedPersons: households,
			houses: households,
			housesDamaged: Math.floor(households / 10),
			access: 'road',
			waterState: 'limited',
			sanitationState: 'damaged',
			needs: ['shelter', 'water', 'food'],
			qtyTarpaulins: Math.floor(households / 4)
		};
	});
}

/** The row the server stores for a submission, column by column (snake_case). */
function row(a: Assessment, actor: { id: number; organisationId: number }) {
	const values: Record<string, unknown> = {
		...a,
		needs: JSON.stringify(a.needs),
		organisationId: actor.organisationId,
		submittedBy: actor.id,
		contentHash: contentHash(a),
		pcodeSource: 'point',
		pcode: 'KH02',
		provincePcode: 'KH02',
		districtPcode: null,
		affectedPersons: affectedPersons(a),
		createdAt: Date.now()
	};
	return Object.fromEntries(
		Object.entries(values).map(([k, v]) => [
			/^affected_/.test(k) ? k : k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
			v
		])
	);
}

/** CPU time (user and system, ms) of a process and its children (`WORKERS`), from /proc. */
function treeCpuMs(pid: number | undefined): number {
	if (!pid) return Number.NaN;
	const read = (path: string) => {
		try {
			return readFileSync(path, 'utf8');
		} catch {
			return '';
		}
	};
	const fields = read(`/proc/${pid}/stat`).split(') ')[1]?.split(' ') ?? [];
	const ticks = Number(fields[11]) + Number(fields[12]);
	const children = read(`/proc/${pid}/task/${pid}/children`).split(/\s+/).filter(Boolean);
	return ticks * 10 + children.reduce((sum, c) => sum + treeCpuMs(Number(c)), 0);
}

/**
 * 16 clients posting every body, then the first 1,000 again, to a server: timings and answers.
 * Each client is a kept-alive connection of `node:http`: `fetch` (undici) cost this process
 * about 1 ms of CPU per request, on the two cores the server has too, where `node:http` costs
 * about a fifth of that.
 */
async function postAll(
	url: string,
	token: string,
	bodies: string[],
	clients: number,
	serverPid: number | undefined,
	batched = false
) {
	const latencies: number[] = [];
	const statuses = new Map<number, number>();
	const agent = new Agent({ keepAlive: true, maxSockets: clients });
	const target = new URL('/api/v1/assessments', url);
	const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
	/** A batch's answer is 200 as a whole; each record's own status is in `results`. */
	const send = (body: string) =>
		new Promise<void>((resolve, reject) => {
			const req = request(
				target,
				{
					method: 'POST',
					agent,
					headers: {
						authorization: `Bearer ${token}`,
						'content-type': 'application/json',
						'content-length': Buffer.byteLength(body)
					}
				},
				(res) => {
					const chunks: Buffer[] = [];
					if (batched) res.on('data', (c: Buffer) => chunks.push(c));
					else res.resume();
					res.on('end', () => {
						if (!batched || res.statusCode !== 200) count(res.statusCode ?? 0);
						else {
							const { results } = JSON.parse(Buffer.concat(chunks).toString()) as {
								results: { status: number }[];
							};
							for (const r of results) count(r.status);
						}
						resolve();
					});
					res.on('error', reject);
				}
			);
			req.on('error', reject);
			req.end(body);
		});
	const post = async (body: string) => {
		const start = performance.now();
		await send(body);
		return performance.now() - start;
	};
	// Warm: the route's code is loaded at its first request (a long-running server has it), so
	// one read of the same route goes first, outside the timing.
	await new Promise<void>((resolve, reject) => {
		request(target, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
			res.resume();
			res.on('end', resolve);
		})
			.on('error', reject)
			.end();
	});
	let next = 0;
	const cpuBefore = treeCpuMs(serverPid);
	const started = performance.now();
	await Promise.all(
		Array.from({ length: clients }, async () => {
			while (next < bodies.length) latencies.push(await post(bodies[next++]));
		})
	);
	const seconds = (performance.now() - started) / 1000;
	const serverCpuMs = treeCpuMs(serverPid) - cpuBefore;
	// Retries of what already arrived: every one answered 200, nothing added.
	const created = statuses.get(201) ?? 0;
	statuses.clear();
	const perBody = batched ? BATCH : 1;
	const retries = Math.min(Math.ceil(1000 / perBody), bodies.length);
	let retry = 0;
	await Promise.all(
		Array.from({ length: clients }, async () => {
			while (retry < retries) await post(bodies[retry++]);
		})
	);
	agent.destroy();
	const retried = statuses.get(200) ?? 0;
	return {
		seconds,
		latencies,
		created,
		retries: retried && Math.min(1000, retries * perBody, created),
		retried,
		serverCpuMs
	};
}

type BenchActor = { id: number; role: 'coordinator'; organisationId: number };

/** Seconds for `work` on every body, in order, with the app's zod messages installed. */
async function timedInProcess(bodies: string[], work: (body: string) => Promise<unknown>) {
	installZodMessages();
	const t0 = performance.now();
	for (const body of bodies) await work(body);
	return (performance.now() - t0) / 1000;
}

/** The same work as the API's in process: JSON parse, zod schema, service (its transaction, P-code
 * lookup, duplicate check and audit) and JSON answer, with no HTTP. Seconds for all. */
function ingestInProcess(db: RootDb, actor: BenchActor, bodies: string[]) {
	return timedInProcess(bodies, async (body) => {
		const input = assessmentSchema.parse(JSON.parse(body));
		const { record, warnings } = await submitAssessment(db, actor, input, { source: 'api' });
		JSON.stringify({ data: record, warnings });
	});
}

/** The same for batches, through the route's own `answerBatch`: each record checked alone, stored together. */
function ingestBatchesInProcess(db: RootDb, actor: BenchActor, bodies: string[]) {
	return timedInProcess(bodies, async (body) => {
		const { records } = assessmentBatchSchema.parse(JSON.parse(body));
		JSON.stringify({ results: await answerBatch(db, actor, records, { source: 'api' }) });
	});
}

interface IngestWorld {
	n: number;
	responseId: number;
	actor: { id: number; role: 'coordinator'; organisationId: number };
}

const ingestBodies = ({ n, responseId }: IngestWorld) =>
	submissions(n, responseId, 7).map((s) => JSON.stringify(s));

/** The same submissions as the outbox sends a queue: `BATCH` to a request. */
const batchBodies = ({ n, responseId }: IngestWorld) => {
	const all = submissions(n, responseId, 7);
	return Array.from({ length: Math.ceil(n / BATCH) }, (_, i) =>
		JSON.stringify({ records: all.slice(i * BATCH, (i + 1) * BATCH) })
	);
};

/**
 * on-postgres.ts's measure: the in-process ingest on the serving engine, one record at a time
 * then (after the table is emptied) in batches, as two rows of seconds.
 */
export async function ingestOnEngine(db: RootDb, world: IngestWorld): Promise<BenchRow[]> {
	const single = await ingestInProcess(db, world.actor, ingestBodies(world));
	await transaction(db, async (tx) => {
		await tx.delete(assessmentDuplicates);
		await tx.delete(auditLog);
		await tx.delete(assessments);
	});
	const batched = await ingestBatchesInProcess(db, world.actor, batchBodies(world));
	return [
		{ name: 'ingest in process', value: single, unit: 's' },
		{ name: 'ingest in process, batches', value: batched, unit: 's' }
	];
}

/** A fresh world with an API token, closed; the data of one ingest run on either engine. */
async function ingestWorld(path: string, n: number) {
	const { db, actor, responseId } = await world(path);
	const { token } = await createApiToken(db, actor, 'bench', ['write', 'read']);
	await closeDb(db);
	return { token, world: { n, responseId, actor } satisfies IngestWorld };
}

function ingestRows(
	clients: number,
	http: Awaited<ReturnType<typeof postAll>>,
	stored: number,
	n: number,
	baselineSeconds: number,
	engine: 'sqlite' | 'postgres',
	batched = false
): BenchRow[] {
	const retries = Math.min(1000, n);
	if (http.created !== n || stored !== n || http.retried !== retries) {
		throw new Error(
			`ingest on ${engine}: ${http.created} created, ${stored} stored of ${n}; ${http.retried} of ${retries} retries answered 200`
		);
	}
	const sorted = http.latencies.sort((a, b) => a - b);
	const how = batched ? `in batches of ${BATCH}` : 'one per request';
	return [
		{
			name: `assessments: ingest ${n.toLocaleString('en-US')} via API ${how}, ${clients} clients`,
			value: n / http.seconds,
			unit: 'records/s',
			baseline: n / baselineSeconds,
			baselineLabel: batched
				? 'same batches: parse, schema per record, batch service and audit in process, no HTTP'
				: 'same parse, schema, service and audit in process, no HTTP',
			better: 'higher',
			target: INGEST_TARGET,
			engine,
			note: `all ${n} stored once; ${retries} records sent again answered 200; the baseline is one client, in order`
		},
		{
			name: `assessments: ingest ${how}, HTTP at ${clients} clients ÷ in process`,
			value: http.seconds / baselineSeconds,
			unit: '×',
			better: 'lower',
			target: INGEST_RATIO,
			engine,
			note: `${(n / http.seconds).toFixed(0)} records/s over HTTP against ${(n / baselineSeconds).toFixed(0)}/s in process (the row above)`
		},
		{
			name: `assessments: ingest ${how}, server CPU per record`,
			value: http.serverCpuMs / n,
			unit: 'ms',
			engine,
			note: `user + system time of the server's processes (WORKERS=${process.env.WORKERS ?? 1}), from /proc${engine === 'postgres' ? ", PostgreSQL's own not counted" : ''}; the machine's load changes it little`
		},
		// p99 only from enough requests (a batch run makes few).
		...(sorted.length >= 100
			? [
					{
						name: `assessments: ingest ${how}, latency p99`,
						value: quantile(sorted, 0.99),
						unit: 'ms',
						engine,
						note: `median ${quantile(sorted, 0.5).toFixed(1)} ms, ${sorted.length} requests`
					}
				]
			: [
					{
						name: `assessments: ingest ${how}, latency median`,
						value: quantile(sorted, 0.5),
						unit: 'ms',
						engine,
						note: `${sorted.length} requests: too few for a p99`
					}
				])
	];
}

/** Serves a fresh copy of the world, posts to it, and counts what it stored. */
async function ingestOverHttp(
	path: string,
	token: string,
	bodies: string[],
	clients: number,
	batched: boolean
) {
	const server = await serve(path);
	try {
		const http = await postAll(server.url, token, bodies, clients, server.pid, batched);
		const check = new Database(path, { readonly: true });
		const stored = (check.prepare('select count(*) as n from assessments').get() as { n: number })
			.n;
		check.close();
		return { http, stored };
	} finally {
		server.stop();
	}
}

async function ingestOnPostgres(
	seed: string,
	token: string,
	bodies: string[],
	clients: number,
	batched: boolean
) {
	return withPgCopy(seed, async (url) => {
		const pgServer = await serve(url);
		try {
			const http = await postAll(pgServer.url, token, bodies, clients, pgServer.pid, batched);
			const client = postgres(url, { max: 1 });
			const [{ count }] = await client<
				{ count: number }[]
			>`select count(*)::int as count from assessments`;
			await client.end();
			return { http, stored: count };
		} finally {
			pgServer.stop();
		}
	});
}

async function ingest(scale: number, workDir: string): Promise<BenchRow[]> {
	const n = Math.max(100, Math.round(10_000 * scale));
	const clients = 16;
	const rows: BenchRow[] = [];
	// One record per request, then batches as the outbox sends them: each on a fresh world.
	for (const batched of [false, true]) {
		const path = join(workDir, `ingest-${batched ? 'batches' : 'single'}.db`);
		const sqlite = await ingestWorld(path, n);
		const bodies = batched ? batchBodies(sqlite.world) : ingestBodies(sqlite.world);
		const { http, stored } = await ingestOverHttp(path, sqlite.token, bodies, clients, batched);
		const base = await world(join(workDir, `baseline-${batched ? 'batches' : 'single'}.db`));
		const baselineSeconds = await (batched ? ingestBatchesInProcess : ingestInProcess)(
			base.db,
			base.actor,
			bodies
		);
		await closeDb(base.db);
		rows.push(...ingestRows(clients, http, stored, n, baselineSeconds, 'sqlite', batched));
	}
	if (!BENCH_PG_URL) return rows;

	// The same on PostgreSQL: a fresh world copied there, served by the built app, and the
	// in-process baselines in a child serving PostgreSQL (a process serves one engine).
	const pgSeed = join(workDir, 'ingest-pg.db');
	const pg = await ingestWorld(pgSeed, n);
	const single = await ingestOnPostgres(pgSeed, pg.token, ingestBodies(pg.world), clients, false);
	const batches = await ingestOnPostgres(pgSeed, pg.token, batchBodies(pg.world), clients, true);
	const inProcess = await onPostgres('ingest', pgSeed, pg.world);
	if (inProcess.length < 2 || !inProcess.every((r) => Number.isFinite(r.value)))
		return [...rows, ...inProcess];
	return [
		...rows,
		...ingestRows(clients, single.http, single.stored, n, inProcess[0].value, 'postgres'),
		...ingestRows(clients, batches.http, batches.stored, n, inProcess[1].value, 'postgres', true)
	];
}

/** Many assessments written straight into the table, as fast as SQLite takes them. */
function fill(
	db: RootDb,
	actor: { id: number; organisationId: number },
	responseId: number,
	n: number
) {
	const r = rng(11);
	const sample = assessmentSchema.parse(submissions(1, responseId, 3)[0]);
	const template = row(sample, actor);
	const columns = Object.keys(template);
	const insert = sqliteClient(db).prepare(
		`insert into assessments (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`
	);
	sqliteClient(db).transaction(() => {
		for (let i = 0; i < n; i++) {
			insert.run({
				...template,
				id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
				// Spread over the flood provinces' box, as a national response would be.
				lon: 102.6 + r() * 2.2,
				lat: 12.3 + r() * 1.5,
				content_hash: String(i)
			});
		}
	})();
}

/** A database with `n` assessments in one response and none in another; closed when made. */
export async function mapDatabase(n: number, path: string) {
	const { db, actor, responseId } = await world(path);
	const empty = await transaction(db, async (tx) => {
		const [made] = await tx
			.insert(responses)
			.values({ name: 'Empty', kind: 'flood', startDate: '2020-10-01' })
			.returning();
		return made.id;
	});
	fill(db, actor, responseId, n);
	await closeDb(db);
	return { responseId, empty };
}

async function mapIdle(scale: number, workDir: string): Promise<BenchRow[]> {
	const n = Math.max(1000, Math.round(100_000 * scale));
	const path = join(workDir, 'map.db');
	const { responseId, empty } = await mapDatabase(n, path);
	const server = await serve(path);
	const launch = config.use?.launchOptions ?? {};
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? launch.executablePath ?? '/usr/bin/chromium',
		args: launch.args
	});
	try {
		const signedIn = await browser.newContext();
		const page = await signedIn.newPage();
		await page.goto(`${server.url}/login`);
		await page.locator('input[name="email"]').fill('bench@example.org');
		await page.locator('input[name="password"]').fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((u) => !u.pathname.startsWith('/login'));
		const cookies = await signedIn.cookies();

		const context = async () => {
			const c = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			await c.addCookies(cookies);
			return c;
		};
		const visit = async (c: BrowserContext, id: number) => {
			const tab = await c.newPage();
			const start = performance.now();
			await tab.goto(`${server.url}/responses/${id}/assessments/map`);
			// The page opens with the server's drawing; the interactive map starts when asked for.
			await tab.getByRole('button', { name: 'Interactive map' }).click();
			await tab.waitForSelector('[data-state="ready"]', { timeout: 120_000 });
			const ms = performance.now() - start;
			await tab.close();
			return ms;
		};
		const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
		/** Cold: a new browser profile each time, nothing cached. */
		const cold = async (id: number) => {
			const times: number[] = [];
			for (let i = 0; i < RUNS; i++) {
				const c = await context();
				times.push(await visit(c, id));
				await c.close();
			}
			return median(times);
		};
		/** Warm: the same browser again, the scripts and the points (named by version) cached. */
		const warm = async (id: number) => {
			const c = await context();
			await visit(c, id);
			const times: number[] = [];
			for (let i = 0; i < RUNS; i++) times.push(await visit(c, id));
			await c.close();
			return median(times);
		};
		const rows: BenchRow[] = [];
		for (const [label, measure, target] of [
			['cold', cold, COLD_TARGET_MS],
			['warm', warm, WARM_TARGET_MS]
		] as const) {
			const full = await measure(responseId);
			const none = await measure(empty);
			rows.push({
				name: `assessments: map of ${n.toLocaleString('en-US')} points, load to idle, ${label}`,
				value: full,
				unit: 'ms',
				baseline: none,
				baselineLabel: 'same map page with no points',
				better: 'lower',
				note: `headless Chromium, page with its SVG, "Interactive map" pressed, to the clustered points idle (converted in MapLibre's worker), median of ${RUNS}; target ≤ ${target.toLocaleString('en-US')} ms: ${full <= target ? 'PASS' : 'FAIL'}`
			});
		}

		const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
		const pointsUrl = `${server.url}/api/v1/assessments/points?responseId=${responseId}`;
		const t0 = performance.now();
		const res = await fetch(pointsUrl, { headers: { cookie } });
		const text = await res.text();
		const fetchMs = performance.now() - t0;
		const again = await fetch(pointsUrl, {
			headers: { cookie, 'if-none-match': res.headers.get('etag') ?? '' }
		});
		const geojson = JSON.stringify(pointsToGeoJSON(JSON.parse(text))).length;
		rows.push({
			name: 'assessments: map points payload',
			value: text.length / 1e6,
			unit: 'MB',
			baseline: geojson / 1e6,
			baselineLabel: 'the same points as GeoJSON features',
			better: 'lower',
			note: `fetched in ${fetchMs.toFixed(0)} ms (uncompressed); a revisit gets ${again.status} (${(await again.arrayBuffer()).byteLength} bytes)`
		});
		return rows;
	} finally {
		await browser.close();
		server.stop();
	}
}

export const assessmentsBench: Bench = {
	name: 'assessments',
	async run({ scale, workDir }) {
		const only = process.env.BENCH_ONLY;
		return [
			...(only === 'map' ? [] : await ingest(scale, workDir)),
			...(only === 'ingest' ? [] : await mapIdle(scale, workDir))
		];
	}
};
