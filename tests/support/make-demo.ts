/**
 * `tsx tests/support/make-demo.ts DB_FILE`: seeds the demo into a fresh database, as
 * `npm run demo` (scripts/demo.ts) does for the e2e server, for a test that needs the demo on
 * a server of its own because it changes what every page shows.
 */
import { closeDb, migrateDb, openDb } from '../../src/lib/server/db';
import { ensureProvinces } from '../../src/lib/server/places/provinces';
import { isEmpty, seedDemo } from '../../src/lib/server/seed';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx tests/support/make-demo.ts DB_FILE');
const db = openDb(file);
await migrateDb(db);
await ensureProvinces(db);
if (!(await isEmpty(db))) throw new Error(`${file} is not empty`);
await seedDemo(db);
await closeDb(db);
