/**
 * The benchmark harness: each benchmark returns rows measured in one run (ours beside a
 * baseline such as raw SQL on better-sqlite3), printed as one table with the ratios.
 */
import { migrateDb, openDb, type RootDb } from '../../src/lib/server/db';
import { organisations, responses, users } from '../../src/lib/server/db/schema';
import { ensureProvinces } from '../../src/lib/server/places/provinces';

export interface BenchRow {
	/** What was measured, e.g. `reconciliation: server time per request`. */
	name: string;
	/** The figure for Sahakar. */
	value: number;
	unit: string;
	/** The same work done the simplest way, in the same run, when there is one. */
	baseline?: number;
	/** What the baseline is, e.g. `same SQL on better-sqlite3`. */
	baselineLabel?: string;
	/** Whether lower is better (times) or higher (throughput); decides how the ratio reads. */
	better?: 'lower' | 'higher';
	/** The target for this figure (read with `better`: at most for times, at least for rates). */
	target?: number;
	note?: string;
}

export interface Bench {
	name: string;
	/** `scale` multiplies the data sizes: 1 is the target, smaller for a quick run. */
	run(options: { scale: number; workDir: string }): Promise<BenchRow[]>;
}

export function quantile(sorted: number[], q: number): number {
	if (!sorted.length) return Number.NaN;
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return sorted[index];
}

/** Runs `fn` `iterations` times after `warmup` runs; times in milliseconds. */
export async function timeIt(
	fn: () => unknown,
	{ iterations = 50, warmup = 3 }: { iterations?: number; warmup?: number } = {}
): Promise<{ median: number; p99: number; mean: number; samples: number[] }> {
	for (let i = 0; i < warmup; i++) await fn();
	const samples: number[] = [];
	for (let i = 0; i < iterations; i++) {
		const start = performance.now();
		await fn();
		samples.push(performance.now() - start);
	}
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		median: quantile(sorted, 0.5),
		p99: quantile(sorted, 0.99),
		mean: samples.reduce((a, b) => a + b, 0) / samples.length,
		samples
	};
}

export { rng } from '../../src/lib/server/seed/random';

/** A migrated database file with the provinces: what every benchmark's data starts from. */
export async function benchDb(path: string): Promise<RootDb> {
	const db = openDb(path);
	await migrateDb(db);
	await ensureProvinces(db);
	return db;
}

/** The organisation and coordinator a benchmark's data belongs to; `user` sets more columns. */
export async function benchCoordinator(db: RootDb, user: Partial<typeof users.$inferInsert> = {}) {
	const [{ id: organisationId }] = await db
		.insert(organisations)
		.values({ name: 'Bench', acronym: 'BENCH', type: 'ngo' })
		.returning();
	const [{ id: userId }] = await db
		.insert(users)
		.values({
			email: 'bench@example.org',
			name: 'Bench',
			role: 'coordinator',
			organisationId,
			...user
		})
		.returning();
	return { organisationId, userId };
}

/** The flood response the assessment benchmarks fill. */
export async function benchFloodResponse(db: RootDb): Promise<number> {
	const [{ id }] = await db
		.insert(responses)
		.values({ name: 'Floods', kind: 'flood', startDate: '2020-10-01' })
		.returning();
	return id;
}

function fmt(n: number | undefined): string {
	if (n === undefined || Number.isNaN(n)) return '';
	if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
	return n.toPrecision(3);
}

/** Ours ÷ baseline for times, baseline ÷ ours for throughput: above 1 means slower than the baseline. */
export function ratio(row: BenchRow): number | undefined {
	if (row.baseline === undefined || row.baseline === 0 || row.value === 0) return undefined;
	return row.better === 'higher' ? row.baseline / row.value : row.value / row.baseline;
}

/** A 99th percentile needs at least 100 samples; from fewer it is only the largest one. */
export function p99Label(samples: number): string {
	return samples >= 100 ? 'p99' : `max of ${samples}`;
}

/** PASS or FAIL against the row's target; empty without one. */
export function verdict(row: BenchRow): string {
	if (row.target === undefined) return '';
	const ok = row.better === 'higher' ? row.value >= row.target : row.value <= row.target;
	return ok ? 'PASS' : 'FAIL';
}

function targetText(row: BenchRow): string {
	if (row.target === undefined) return '';
	return `${row.better === 'higher' ? '≥' : '≤'} ${fmt(row.target)}`;
}

export function formatTable(rows: BenchRow[]): string {
	const header = [
		'benchmark',
		'value',
		'unit',
		'target',
		'result',
		'baseline',
		'baseline is',
		'slowdown ×',
		'note'
	];
	const body = rows.map((r) => [
		r.name,
		fmt(r.value),
		r.unit,
		targetText(r),
		verdict(r),
		fmt(r.baseline),
		r.baselineLabel ?? '',
		fmt(ratio(r)),
		r.note ?? ''
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
	return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}
