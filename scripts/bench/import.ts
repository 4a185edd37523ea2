/**
 * The 4W import under load: a 100,000-row CSV uploaded, checked and committed through the
 * built server (as the page does) while a client asks `/healthz` every 20 ms. Prints the
 * health checks' p99 during the import and the server's peak memory above where it started,
 * each against its target. Needs `npm run build` first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIVITY_TYPES, MODALITIES } from '../../src/lib/domain/shelter';
import { IMPORT_COLUMNS } from '../../src/lib/domain/shelter-import';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import { PROVINCES } from '../../src/lib/server/places/provinces';
import { seedCatalogue } from '../../src/lib/server/seed/shelter';
import { serve } from './assessments';
import {
	benchCoordinator,
	benchDb,
	benchFloodResponse,
	quantile,
	rng,
	type Bench,
	type BenchRow
} from './harness';
import { closeDb } from '../../src/lib/server/db';

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

const rssOf = (pid: number) =>
	Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

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
		running = false;
		await health;
		clearInterval(sampler);
		if (done.state !== 'done' || done.created !== rows) {
			throw new Error(`commit: ${JSON.stringify(done).slice(0, 500)}`);
		}
		const sorted = [...latencies].sort((a, b) => a - b);
		const p99 = quantile(sorted, 0.99);
		const peakMb = (peak - start) / 1024 / 1024;
		const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
		return [
			{
				name: `import: /healthz p99 during a ${rows.toLocaleString('en-US')}-row import`,
				value: p99,
				unit: 'ms',
				baseline: idleP99,
				baselineLabel: 'the same checks, server idle',
				better: 'lower',
				note: `target ≤ ${TARGET_P99_MS} ms: ${verdict(p99 <= TARGET_P99_MS)} (${latencies.length} checks, max ${Math.round(sorted.at(-1) ?? 0)} ms)`
			},
			{
				name: 'import: server peak memory above start',
				value: peakMb,
				unit: 'MB',
				better: 'lower',
				note: `target ≤ ${TARGET_PEAK_MB} MB: ${verdict(peakMb <= TARGET_PEAK_MB)} (RSS every 50 ms)`
			},
			{
				name: 'import: upload and check, then commit',
				value: (t2 - t0) / 1000,
				unit: 's',
				better: 'lower',
				note: `check ${((t1 - t0) / 1000).toFixed(1)} s, commit ${((t2 - t1) / 1000).toFixed(1)} s`
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
