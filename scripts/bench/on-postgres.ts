/**
 * `tsx scripts/bench/on-postgres.ts MEASURE WORLD_JSON` with `DATABASE_URL=postgres://…`: times
 * one benchmark's service calls on the PostgreSQL copy of its data (see engines.ts) and prints
 * the rows as JSON on the last line.
 */
import { closeDb, openDb, type RootDb } from '../../src/lib/server/db';
import { ingestOnEngine } from './assessments';
import type { BenchRow } from './harness';
import { returnsOnEngine } from './returns';
import { shelterOnEngine } from './shelter';
import { sitrepsOnEngine } from './sitreps';

const MEASURES: Record<string, (db: RootDb, world: never) => Promise<BenchRow[]>> = {
	ingest: ingestOnEngine,
	returns: returnsOnEngine,
	shelter: shelterOnEngine,
	sitreps: sitrepsOnEngine
};

const [name, world] = process.argv.slice(2);
const measure = MEASURES[name];
if (!measure || !world)
	throw new Error(`usage: on-postgres.ts ${Object.keys(MEASURES).join('|')} JSON`);
const db = openDb();
try {
	const rows = await measure(db, JSON.parse(world) as never);
	process.stdout.write(`\n${JSON.stringify(rows)}\n`);
} finally {
	await closeDb(db);
}
