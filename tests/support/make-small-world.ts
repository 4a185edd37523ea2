/**
 * `tsx tests/support/make-small-world.ts DATABASE`: the little a test of several servers needs,
 * in a fresh database of either engine (a file, or a postgres:// URL with DATABASE_URL naming
 * it too): one organisation with a field officer and a viewer who can sign in, a field
 * officer's session, a mass return and its crossing point. Prints it as JSON.
 */
import { ROLES } from '../../src/lib/domain/accounts';
import { closeDb, migrateDb, openDb } from '../../src/lib/server/db';
import { locations, responses } from '../../src/lib/server/db/schema';
import { ensureProvinces } from '../../src/lib/server/places/provinces';
import { createOrganisation, createUser } from '../../src/lib/server/auth/accounts';
import { hashPassword } from '../../src/lib/server/auth/crypto';
import { createSession } from '../../src/lib/server/auth/sessions';

const PASSWORD = 'small-world-password';

const path = process.argv[2];
if (!path) throw new Error('Usage: tsx tests/support/make-small-world.ts DATABASE');
const db = openDb(path);
await migrateDb(db);
await ensureProvinces(db);

const passwordHash = await hashPassword(PASSWORD);
const { id: organisationId } = await createOrganisation(db, null, {
	name: 'Own NGO',
	acronym: 'OWN',
	type: 'ngo'
});
const person = async (role: (typeof ROLES)[number]) => {
	const email = `${role}@small.test`;
	const { user } = await createUser(
		db,
		null,
		{ email, name: `The ${role}`, role, organisationId, language: 'en' },
		passwordHash
	);
	return user;
};
const field = await person('field');
const viewer = await person('viewer');
const [{ id: responseId }] = await db
	.insert(responses)
	.values({ name: 'Two servers return', kind: 'mass_return', startDate: '2020-10-01' })
	.returning();
const [{ id: locationId }] = await db
	.insert(locations)
	.values({ kind: 'border_crossing', nameEn: 'Poipet', nameKm: 'ប៉ោយប៉ែត', lon: 102.56, lat: 13.66 })
	.returning();

const output = {
	responseId,
	locationId,
	password: PASSWORD,
	people: { field: field.email, viewer: viewer.email },
	sessions: { field: (await createSession(db, field.id)).token }
};
await closeDb(db);
process.stdout.write(`${JSON.stringify(output)}\n`);

export type SmallWorld = typeof output;
