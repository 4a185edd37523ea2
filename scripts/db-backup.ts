/**
 * `npm run db:backup -- FILE`: a consistent copy of the database (DATABASE_URL) in FILE, taken
 * with SQLite's online backup while the app runs. FILE must not exist yet.
 */
import { parseArgs } from 'node:util';
import { databasePath } from '../src/lib/server/db';
import { BackupError, backupDatabase } from '../src/lib/server/db/backup';

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1) {
	console.error('Usage: npm run db:backup -- FILE');
	process.exit(2);
}
try {
	const { pages } = await backupDatabase(databasePath(), positionals[0]);
	console.info(`Backed up ${databasePath()} to ${positionals[0]} (${pages} pages, checked).`);
} catch (e) {
	if (!(e instanceof BackupError)) throw e;
	console.error(e.message);
	process.exit(1);
}
