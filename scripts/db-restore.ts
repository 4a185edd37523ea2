/**
 * `npm run db:restore -- FILE [--force]`: replaces the database (DATABASE_URL) with the backup in
 * FILE. Refuses to overwrite a database that holds data unless `--force` is given; with it, the
 * restore is safe while the app runs (SQLite's backup API writes under its own locks).
 */
import { parseArgs } from 'node:util';
import { databasePath } from '../src/lib/server/db';
import { BackupError, restoreDatabase } from '../src/lib/server/db/backup';

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: { force: { type: 'boolean', default: false } }
});
if (positionals.length !== 1) {
	console.error('Usage: npm run db:restore -- FILE [--force]');
	process.exit(2);
}
try {
	const { pages } = await restoreDatabase(positionals[0], databasePath(), { force: values.force });
	console.info(`Restored ${databasePath()} from ${positionals[0]} (${pages} pages).`);
} catch (e) {
	if (!(e instanceof BackupError)) throw e;
	console.error(e.message);
	process.exit(1);
}
