/**
 * `npm run bench [-- --scale 0.1] [names…]`: generates deterministic data, runs every benchmark
 * (or those named; `lighthouse` only when named) and prints one table. Targets are checked
 * here, never in timed tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_PG_URL, pairByEngine } from './engines';
import { formatTable, type Bench, type BenchRow } from './harness';
import { assessmentsBench } from './assessments';
import { exportsBench } from './exports';
import { httpBench } from './http';
import { importBench } from './import';
import { lighthouseBench } from './lighthouse';
import { loadBench } from './load';
import { mapPageBench } from './map-page';
import { pagesBench } from './pages';
import { placesBench } from './places';
import { returnsBench } from './returns';
import { shelterBench } from './shelter';
import { sitrepsBench } from './sitreps';

/** Each area registers its benchmarks here. */
const BENCHES: Bench[] = [
	assessmentsBench,
	placesBench,
	returnsBench,
	shelterBench,
	importBench,
	exportsBench,
	sitrepsBench,
	httpBench,
	loadBench,
	pagesBench,
	mapPageBench
];
/** Slow ones, run only when named. */
const OPT_IN: Bench[] = [lighthouseBench];

const args = process.argv.slice(2);
const scaleIndex = args.indexOf('--scale');
const scale = scaleIndex >= 0 ? Number(args[scaleIndex + 1]) : 1;
const names = args.filter(
	(a, i) => !a.startsWith('--') && (scaleIndex < 0 || i !== scaleIndex + 1)
);
const selected = [...BENCHES, ...OPT_IN].filter((b) =>
	names.length ? names.includes(b.name) : BENCHES.includes(b)
);

console.info(
	BENCH_PG_URL
		? 'PostgreSQL available: the service benchmarks run on both engines.'
		: 'SQLite only (set BENCH_PG_URL, or run through scripts/pg-test-cluster.sh, to add PostgreSQL).'
);
const rows: BenchRow[] = [];
for (const bench of selected) {
	const workDir = mkdtempSync(join(tmpdir(), `sahakar-bench-${bench.name}-`));
	console.info(`Running ${bench.name} at scale ${scale}…`);
	try {
		rows.push(...pairByEngine(await bench.run({ scale, workDir })));
	} finally {
		rmSync(workDir, { recursive: true, force: true });
	}
}
console.info(`\n${formatTable(rows)}`);
