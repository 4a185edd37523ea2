/** `npm run db:seed`: migrates the database and fills it with the demo if it is empty. */
import { closeDb, databasePath, migrateDb, openDb } from '../src/lib/server/db';
// Names the database without a PostgreSQL URL's password.
import { describeUrl } from '../src/lib/server/db/copy';
import { isEmpty, seedDemo } from '../src/lib/server/seed';

const db = openDb();
await migrateDb(db);
if (!(await isEmpty(db))) {
	console.info(
		`${describeUrl(process.env.DATABASE_URL || databasePath())} already holds data; nothing seeded.`
	);
} else {
	await seedDemo(db);
	console.info(`Seeded the demo into ${describeUrl(process.env.DATABASE_URL || databasePath())}.`);
}
await closeDb(db);
