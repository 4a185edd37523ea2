/** Shared pieces of the areas' test worlds: a fresh database, organisations and people in it. */
import { openTestDb, type RootDb } from '$lib/server/db';
import { organisations, users } from '$lib/server/db/schema';
import { ensureProvinces } from '$lib/server/places/provinces';
import type { SessionUser } from '$lib/server/auth/sessions';
import { UserError } from '$lib/server/errors';

type OrganisationType = (typeof organisations.$inferInsert)['type'];

/** An in-memory database with the provinces, and helpers that add organisations and users to it. */
export function testDb() {
	const db: RootDb = openTestDb();
	ensureProvinces(db);
	const org = (acronym: string, type: OrganisationType = 'ngo') =>
		db.insert(organisations).values({ name: acronym, acronym, type }).returning().get().id;
	const user = (
		email: string,
		role: SessionUser['role'],
		organisationId: number,
		{ name = email, organisationAcronym = '' } = {}
	): SessionUser => {
		const id = db.insert(users).values({ email, name, role, organisationId }).returning().get().id;
		return { id, email, name, role, organisationId, organisationAcronym, language: 'en' };
	};
	return { db, org, user };
}

/** The UserError that `fn` throws; fails the test when it throws none. */
export function refusal(fn: () => unknown): UserError {
	try {
		fn();
	} catch (e) {
		if (e instanceof UserError) return e;
		throw e;
	}
	throw new Error('not refused');
}
