/** Shared pieces of the areas' test worlds: a fresh database, organisations and people in it. */
import { type RootDb } from '$lib/server/db';
import { openTestDb } from '$lib/server/db/testing';
import { organisations, users } from '$lib/server/db/schema';
import { ensureProvinces } from '$lib/server/places/provinces';
import type { SessionUser } from '$lib/server/auth/sessions';
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { issueFields, UserError } from '$lib/server/errors';

type OrganisationType = (typeof organisations.$inferInsert)['type'];

/** An in-memory database with the provinces, and helpers that add organisations and users to it. */
export async function testDb() {
	const db: RootDb = await openTestDb();
	await ensureProvinces(db);
	const org = async (acronym: string, type: OrganisationType = 'ngo') => {
		const [row] = await db
			.insert(organisations)
			.values({ name: acronym, acronym, type })
			.returning({ id: organisations.id });
		return row.id;
	};
	const user = async (
		email: string,
		role: SessionUser['role'],
		organisationId: number,
		{ name = email, organisationAcronym = '' } = {}
	): Promise<SessionUser> => {
		const [{ id }] = await db
			.insert(users)
			.values({ email, name, role, organisationId })
			.returning({ id: users.id });
		return { id, email, name, role, organisationId, organisationAcronym, language: 'en' };
	};
	return { db, org, user };
}

/**
 * Input as a route or the API hands it to a service: parsed by the domain's schema, or refused
 * with the same field messages a form or the API would show.
 */
export function valid<S extends z.ZodType>(schema: S, input: z.input<S>): z.output<S> {
	const parsed = schema.safeParse(input);
	if (parsed.success) return parsed.data;
	throw new UserError(m.error_fix_fields(), 'invalid', issueFields(parsed.error.issues));
}

/** The UserError that `fn` throws or rejects with; fails the test when there is none. */
export async function refused(fn: () => unknown): Promise<UserError> {
	try {
		await fn();
	} catch (e) {
		if (e instanceof UserError) return e;
		throw e;
	}
	throw new Error('not refused');
}
