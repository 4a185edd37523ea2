/** `npm run db:seed`: migrates the database and fills it with the demo if it is empty. */
import { closeDb, migrateDb, openDb, databasePath } from '../src/lib/server/db';
import { isEmpty, seedDemo } from '../src/lib/server/seed';

const db = openDb();
await migrateDb(db);
if (!(await isEmpty(db))) {
	console.info(`${databasePath()} already holds data; nothing seeded.`);
} else {
	await seedDemo(db);
	console.info(`Seeded the demo into ${databasePath()}.`);
}
await closeDb(db);
