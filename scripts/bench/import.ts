/**
 * The 4W import under load: a 100,000-row CSV uploaded, checked and committed through the
 * built server (as the page does, cold: a server started for it) while a client asks
 * `/healthz` every 20 ms. Prints rows per second beside a floor (the same file validated and
 * inserted in process the plainest way), the health checks' p99 during the import beside the
 * same checks with the server idle, and the server's peak memory, each against its target.
 * Needs `npm run build` first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIVITY_TYPES, MODALITIES, activitySchema } from '../../src/lib/domain/shelter';
import { IMPORT_COLUMNS, fieldByHeader } from '../../src/lib/domain/shelter-import';
import { readSpreadsheet } from '../../src/lib/server/spreadsheets';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import { PROVINCES } from '../../src/lib/server/places/provinces';
import { seedCatalogue } from '../../src/lib/server/seed/shelter';
import { serve } from './assessments';
import {
	benchCoordinator,
	benchDb,
	benchFloodResponse,
	p99Label,
	quantile,
	rng,
	type Bench,
	type BenchRow
} from './harness';
import { closeDb, sqliteClient, type RootDb } from '../../src/lib/server/db';

const TARGET_ROWS_PER_S = 1000;
const TARGET_P99_MS = 250;
const TARGET_PEAK_MB = 300;
const CHUNK = 256 * 1024;

/** A plausible 4W as CSV, the same every run. */
function csvOf(rows: number, items: string[]): Uint8Array {
	const r = rng(13);
	const int = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
	const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
	const headers = IMPORT_COLUMNS.map((c) => c.header);
	const lines = [headers.join(',')];
	for (let i = 0; i < rows; i++) {
		const targeted = int(10, 300);
		const reached = int(1, targeted);
		const v: Record<string, string | number> = {
			'Row ID': `bench-${i}`,
			'Reporting organisation': 'BENCH',
			Activity: pick(ACTIVITY_TYPES),
			Modality: pick(MODALITIES),
			Province: pick(PROVINCES).pcode,
			'Start date': `2020-11-${String(int(1, 28)).padStart(2, '0')}`,
			Status: 'ongoing',
			'Households targeted': targeted,
			'Targeted F 18-59': targeted * 2,
			'Targeted M 18-59': targeted * 2,
			'Households reached': reached,
			'Reached F 18-59': reached * 2,
			'Reached M 18-59': reached * 2,
			Items: `${pick(items)}:${reached}`
		};
		lines.push(headers.map((h) => v[h] ?? '').join(','));
	}
	return new TextEncoder().encode(lines.join('\n'));
}

/** CPU seconds a process has used (user + system), from `/proc`: what the load does not change. */
const cpuOf = (pid: number) => {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
};

const rssOf = (pid: number) =>
	Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

/** What the plain floor inserts: the columns the file fills, as the schema gives them. */
const FLOOR_COLUMNS = {
	activityType: 'activity_type',
	modality: 'modality',
	organisationId: 'organisation_id',
	pcode: 'pcode',
	startDate: 'start_date',
	status: 'status',
	targetedHouseholds: 'targeted_households',
	targeted_f_18_59: 'targeted_f_18_59',
	targeted_m_18_59: 'targeted_m_18_59',
	reachedHouseholds: 'reached_households',
	reached_f_18_59: 'reached_f_18_59',
	reached_m_18_59: 'reached_m_18_59'
} as const;

/**
 * A floor, not the same work: the same file read and each row validated with the domain's
 * schema, then inserted with its items by prepared statements on better-sqlite3, 500 rows per
 * transaction, in process. No HTTP, no names checked against the database, no matching to
 * existing rows, no staging, hiding or publishing, no sums. Rows per second.
 */
async function plainFloor(db: RootDb, file: Uint8Array, responseId: number): Promise<number> {
	const sqlite = sqliteClient(db);
	const orgs = new Map(
		(
			sqlite.prepare('select id, acronym from organisations').all() as {
				id: number;
				acronym: string;
			}[]
		).map((o) => [o.acronym, o.id])
	);
	const catalogue = new Map(
		(
			sqlite.prepare('select id, code from nfi_catalogue').all() as { id: number; code: string }[]
		).map((c) => [c.code, c.id])
	);
	const columns = Object.values(FLOOR_COLUMNS);
	const insert = sqlite.prepare(
		`insert into shelter_activities (response_id, created_at, updated_at, ${columns.join(', ')})
		 values (?, ?, ?, ${columns.map(() => '?').join(', ')}) returning id`
	);
	const insertItem = sqlite.prepare(
		'insert into shelter_activity_items (activity_id, catalogue_id, quantity) values (?, ?, ?)'
	);
	const start = performance.now();
	let keys: (string | null)[] = [];
	let batch: Record<string, unknown>[] = [];
	let rows = 0;
	const write = sqlite.transaction((list: Record<string, unknown>[]) => {
		const now = Date.now();
		for (const a of list) {
			const { id } = insert.get(
				responseId,
				now,
				now,
				...Object.keys(FLOOR_COLUMNS).map((k) => a[k] ?? null)
			) as { id: number };
			for (const l of a.items as { catalogueId: number; quantity: number }[]) {
				insertItem.run(id, l.catalogueId, l.quantity);
			}
		}
	});
	for await (const { values } of readSpreadsheet(file, 'csv')) {
		if (!keys.length) {
			keys = values.map((h) => fieldByHeader(String(h))?.key ?? null);
			continue;
		}
		const cell = (key: string) => values[keys.indexOf(key)];
		const raw: Record<string, unknown> = { organisationId: orgs.get(String(cell('organisation'))) };
		for (const [i, key] of keys.entries()) if (key && key !== 'organisation') raw[key] = values[i];
		raw.activityType = cell('activity');
		raw.pcode = cell('province');
		raw.items = String(cell('items'))
			.split(';')
			.map((part) => part.split(':'))
			.map(([code, quantity]) => ({ catalogueId: catalogue.get(code.trim()), quantity }));
		const parsed = activitySchema.safeParse(raw);
		if (!parsed.success) throw new Error(`floor: ${JSON.stringify(parsed.error.issues[0])}`);
		batch.push(parsed.data);
		rows++;
		if (batch.length === 500) {
			write(batch);
			batch = [];
		}
	}
	write(batch);
	return rows / ((performance.now() - start) / 1000);
}

async function importUnderLoad(rows: number, workDir: string): Promise<BenchRow[]> {
	const database = join(workDir, 'import.db');
	const db = await benchDb(database);
	const { userId, organisationId } = await benchCoordinator(db);
	const responseId = await benchFloodResponse(db);
	const items = Object.keys(
		await seedCatalogue(db, { id: userId, role: 'coordinator', organisationId })
	).filter((code) => !/KIT$/.test(code));
	const { token } = await createSession(db, userId);
	await closeDb(db);
	const file = csvOf(rows, items);

	const floorDb = await benchDb(join(workDir, 'import-floor.db'));
	await benchCoordinator(floorDb);
	const floorResponse = await benchFloodResponse(floorDb);
	await seedCatalogue(floorDb, { id: userId, role: 'coordinator', organisationId });
	const floor = await plainFloor(floorDb, file, floorResponse);
	await closeDb(floorDb);

	const server = await serve(database);
	const pid = server.pid as number;
	const headers = { cookie: `${SESSION_COOKIE}=${token}`, origin: server.url };
	const jobs = `${server.url}/responses/${responseId}/shelter/import/jobs`;
	const json = (body: unknown) => ({
		method: 'POST',
		headers: { ...headers, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	try {
		// The same health checks with the server idle: what the machine gives without an import.
		const idle: number[] = [];
		for (let i = 0; i < 100; i++) {
			const t = performance.now();
			await fetch(`${server.url}/healthz`);
			idle.push(performance.now() - t);
			await new Promise((r) => setTimeout(r, 20));
		}
		const idleP99 = quantile(
			[...idle].sort((a, b) => a - b),
			0.99
		);
		const start = rssOf(pid);
		let peak = start;
		let running = true;
		const latencies: number[] = [];
		const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50);
		const health = (async () => {
			const until = Date.now() + 15 * 60_000;
			while (running && Date.now() < until) {
				const t = performance.now();
				await fetch(`${server.url}/healthz`);
				latencies.push(performance.now() - t);
				await new Promise((r) => setTimeout(r, 20));
			}
		})();

		const cpu0 = cpuOf(pid);
		const t0 = performance.now();
		const { id } = (await (
			await fetch(jobs, json({ fileName: 'bench-4w.csv', size: file.byteLength }))
		).json()) as { id: string };
		for (let at = 0; at < file.byteLength; at += CHUNK) {
			const res = await fetch(`${jobs}/${id}?offset=${at}`, {
				method: 'PUT',
				headers: { ...headers, 'content-type': 'application/octet-stream' },
				body: file.subarray(at, at + CHUNK) as Uint8Array<ArrayBuffer>
			});
			if (!res.ok) throw new Error(`upload refused: ${await res.text()}`);
		}
		const wait = async (states: string[]) => {
			for (;;) {
				const s = (await (await fetch(`${jobs}/${id}`, { headers })).json()) as {
					state: string;
					problems: unknown[];
					error: string | null;
				};
				if (!states.includes(s.state)) return s;
				await new Promise((r) => setTimeout(r, 250));
			}
		};
		await fetch(`${jobs}/${id}/check`, json({}));
		const checked = await wait(['checking']);
		if (checked.state !== 'checked')
			throw new Error(`check: ${JSON.stringify(checked).slice(0, 500)}`);
		const t1 = performance.now();
		await fetch(`${jobs}/${id}/commit`, json({}));
		const done = (await wait(['committing', 'published'])) as { state: string; created?: number };
		const t2 = performance.now();
		const cpu = cpuOf(pid) - cpu0;
		running = false;
		await health;
		clearInterval(sampler);
		if (done.state !== 'done' || done.created !== rows) {
			throw new Error(`commit: ${JSON.stringify(done).slice(0, 500)}`);
		}
		const sorted = [...latencies].sort((a, b) => a - b);
		const p99 = quantile(sorted, 0.99);
		const seconds = (t: number) => (t / 1000).toFixed(1);
		return [
			{
				name: `import: ${rows.toLocaleString('en-US')} rows uploaded, checked and committed`,
				value: rows / ((t2 - t0) / 1000),
				unit: 'rows/s',
				target: TARGET_ROWS_PER_S,
				baseline: floor,
				baselineLabel: 'a floor: schema + prepared inserts in process',
				better: 'higher',
				note: `cold server; upload and check ${seconds(t1 - t0)} s, commit ${seconds(t2 - t1)} s`
			},
			{
				name: 'import: rows per CPU second of the server',
				value: rows / cpu,
				unit: 'rows/s',
				better: 'higher',
				note: `${cpu.toFixed(1)} CPU s, /healthz answers included; what a loaded machine does not change`
			},
			{
				name: 'import: rows checked per second (with the upload)',
				value: rows / ((t1 - t0) / 1000),
				unit: 'rows/s',
				target: TARGET_ROWS_PER_S,
				better: 'higher'
			},
			{
				name: 'import: rows committed per second',
				value: rows / ((t2 - t1) / 1000),
				unit: 'rows/s',
				target: TARGET_ROWS_PER_S,
				better: 'higher'
			},
			{
				name: `import: /healthz ${p99Label(sorted.length)} during the import`,
				value: p99,
				unit: 'ms',
				target: TARGET_P99_MS,
				baseline: idleP99,
				baselineLabel: 'the same checks, server idle',
				better: 'lower',
				note: `${latencies.length} checks, max ${Math.round(sorted.at(-1) ?? 0)} ms`
			},
			{
				name: 'import: server peak RSS during the import',
				value: peak / 1024 / 1024,
				unit: 'MB',
				target: TARGET_PEAK_MB,
				better: 'lower',
				note: `${Math.round((peak - start) / 1024 / 1024)} MB above its start (RSS every 50 ms)`
			}
		];
	} finally {
		server.stop();
	}
}

export const importBench: Bench = {
	name: 'import',
	async run({ scale, workDir }) {
		return importUnderLoad(Math.max(1000, Math.round(100_000 * scale)), workDir);
	}
};
