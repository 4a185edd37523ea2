/**
 * `npm run demo`: prepares the database (migrate, and seed the demo if it is empty), then serves
 * the built app. Honours PORT (default 3000), DATABASE_URL and ORIGIN.
 */
import { closeDb, migrateDb, openDb, databasePath } from '../src/lib/server/db';
import { ensureProvinces } from '../src/lib/server/places/provinces';
import { isEmpty, seedDemo } from '../src/lib/server/seed';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/lib/server/seed/foundation';

const port = process.env.PORT ?? '3000';
process.env.PORT = port;
process.env.ORIGIN ??= `http://localhost:${port}`;
// Boundary files uploaded on the admin page are several MB (adapter-node's default is 512 KB).
process.env.BODY_SIZE_LIMIT ??= '60M';

const db = openDb();
await migrateDb(db);
await ensureProvinces(db);
if (await isEmpty(db)) {
	console.info(`Seeding the demo into ${databasePath()} …`);
	const started = Date.now();
	await seedDemo(db);
	console.info(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
await closeDb(db);

console.info(`Demo accounts (password "${DEMO_PASSWORD}"):`);
for (const u of DEMO_USERS) console.info(`  ${u.role.padEnd(12)} ${u.email}`);
console.info(`Serving Sahakar at ${process.env.ORIGIN}`);

await import(new URL('../build/index.js', import.meta.url).href);
