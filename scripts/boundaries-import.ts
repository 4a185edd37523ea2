/**
 * `npm run boundaries:import -- FILE ...`: imports boundary files into the database named by
 * DATABASE_URL, all together or not at all (see README, "Importing official boundaries").
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { closeDb, databasePath, migrateDb, openDb } from '../src/lib/server/db';
import { UserError } from '../src/lib/server/errors';
import { ensureProvinces } from '../src/lib/server/places/provinces';
import { importBoundaries } from '../src/lib/server/places/import';
import { levelSummaries } from '../src/lib/server/places/geo';

const paths = process.argv.slice(2);
if (paths.length === 0) {
	console.error('Usage: npm run boundaries:import -- FILE [FILE ...]');
	process.exit(2);
}

const db = openDb();
await migrateDb(db);
await ensureProvinces(db);
try {
	const files = paths.map((p) => ({ name: basename(p), text: readFileSync(p, 'utf8') }));
	const summary = await importBoundaries(db, null, files);
	console.info(`Imported into ${databasePath()}: ${summary.files.join(', ')}`);
	for (const l of summary.levels) {
		console.info(
			`  level ${l.level}: ${l.areas} areas from gazetteers (${l.created} new), ${l.shapes} shapes`
		);
	}
	console.info('Now:');
	for (const s of await levelSummaries(db)) {
		const sources = s.sources.map((x) => `${x.source} (${x.areas})`).join(', ') || 'no shapes';
		console.info(
			`  level ${s.level}: ${s.areas} areas, ${s.withGeometry} with a shape: ${sources}`
		);
	}
} catch (e) {
	if (e instanceof UserError || (e as NodeJS.ErrnoException).code === 'ENOENT') {
		console.error(`Nothing imported: ${(e as Error).message}`);
		process.exit(1);
	}
	throw e;
} finally {
	await closeDb(db);
}
