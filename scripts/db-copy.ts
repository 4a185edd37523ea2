/**
 * `npm run db:copy -- FROM TO`: moves a deployment between SQLite (a file path) and PostgreSQL
 * (`postgres://…`), all or nothing, and prints each table's rows on both sides.
 */
import { parseArgs } from 'node:util';
import { copyDatabase, describeUrl } from '../src/lib/server/db/copy';

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 2) {
	console.error('Usage: npm run db:copy -- FROM TO   (one a SQLite file, the other postgres://…)');
	process.exit(2);
}
const [from, to] = positionals;
try {
	const counts = await copyDatabase(from, to);
	const width = Math.max(...counts.map((c) => c.table.length));
	console.info(`${'table'.padEnd(width)}  ${'source'.padStart(9)}  ${'target'.padStart(9)}`);
	for (const c of counts) {
		console.info(
			`${c.table.padEnd(width)}  ${String(c.source).padStart(9)}  ${String(c.target).padStart(9)}`
		);
	}
	const rows = counts.reduce((n, c) => n + c.target, 0);
	console.info(
		`Copied ${rows} rows in ${counts.length} tables from ${describeUrl(from)} to ${describeUrl(to)}; every count matches.`
	);
} catch (e) {
	console.error(`Nothing copied: ${(e as Error).message}`);
	process.exit(1);
}
