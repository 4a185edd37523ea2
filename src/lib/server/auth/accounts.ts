import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from '$lib/domain/policy';
import type { Locale } from '$lib/domain/accounts';
import type { Db } from '$lib/server/db';
import { first, transaction } from '$lib/server/db/transaction';
import { organisations, passwordTokens, sessions, users, type User } from '$lib/server/db/schema';
import { changedFields, recordAudit } from '$lib/server/audit';
import { fieldError, UserError } from '$lib/server/errors';
import { generateToken, hashPassword, hashToken, verifyPassword } from './crypto';
import { invalidateUserSessions } from './sessions';
import { clearFailures, recordFailure, waitFor, waitText } from './throttle';

type OrganisationInput = Pick<
	typeof organisations.$inferInsert,
	'name' | 'acronym' | 'type' | 'contactPhone' | 'contactEmail'
>;

export async function listOrganisations(db: Db) {
	return await db
		.select({
			id: organisations.id,
			name: organisations.name,
			acronym: organisations.acronym,
			type: organisations.type,
			users: sql<number>`(select count(*) from ${users} where ${users.organisationId} = ${organisations.id})`
		})
		.from(organisations)
		.orderBy(asc(organisations.acronym));
}

export async function getOrganisation(db: Db, id: number) {
	return await first(db.select().from(organisations).where(eq(organisations.id, id)));
}

async function assertUniqueOrganisation(db: Db, input: OrganisationInput, exceptId?: number) {
	for (const field of ['name', 'acronym'] as const) {
		const clash = await first(
			db
				.select({ id: organisations.id })
				.from(organisations)
				.where(sql`lower(${organisations[field]}) = lower(${input[field]})`)
		);
		if (clash && clash.id !== exceptId) throw fieldError(field, m.error_taken(), 'conflict');
	}
}

export async function createOrganisation(db: Db, actor: Actor | null, input: OrganisationInput) {
	return await transaction(db, async (tx) => {
		await assertUniqueOrganisation(tx, input);
		const [created] = await tx.insert(organisations).values(input).returning();
		await recordAudit(tx, {
			userId: actor?.id ?? null,
			action: 'create',
			entity: 'organisations',
			entityId: created.id,
			after: created
		});
		return created;
	});
}

export async function updateOrganisation(
	db: Db,
	actor: Actor,
	id: number,
	input: OrganisationInput
) {
	return await transaction(db, async (tx) => {
		const before = await getOrganisation(tx, id);
		if (!before) throw new UserError(m.error_not_found(), 'not_found');
		await assertUniqueOrganisation(tx, input, id);
		const [after] = await tx
			.update(organisations)
			.set(input)
			.where(eq(organisations.id, id))
			.returning();
		await recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'organisations',
			entityId: id,
			...changedFields(before, input)
		});
		return after;
	});
}

/** Users as the admin list shows them, without secrets. */
export async function listUsers(db: Db) {
	return await db
		.select({
			id: users.id,
			email: users.email,
			name: users.name,
			role: users.role,
			language: users.language,
			organisationId: users.organisationId,
			organisationAcronym: organisations.acronym,
			disabledAt: users.disabledAt,
			hasPassword: sql<boolean>`${users.passwordHash} is not null`.mapWith(Boolean)
		})
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.orderBy(asc(users.name));
}

export async function getUser(db: Db, id: number): Promise<User | undefined> {
	return await first(db.select().from(users).where(eq(users.id, id)));
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
	return await first(
		db
			.select()
			.from(users)
			.where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
	);
}

interface UserInput {
	email: string;
	name: string;
	role: User['role'];
	organisationId: number;
	language?: Locale;
}

async function assertOrganisationExists(db: Db, organisationId: number) {
	if (!(await getOrganisation(db, organisationId)))
		throw fieldError('organisationId', m.error_choose());
}

/** Creates an account without a password; the returned link lets its owner set one. */
export async function createUser(
	db: Db,
	actor: Actor | null,
	input: UserInput,
	passwordHash?: string
) {
	return await transaction(db, async (tx) => {
		if (await findUserByEmail(tx, input.email)) {
			throw fieldError('email', m.error_taken(), 'conflict');
		}
		await assertOrganisationExists(tx, input.organisationId);
		const [created] = await tx
			.insert(users)
			.values({
				name: input.name,
				role: input.role,
				organisationId: input.organisationId,
				language: input.language,
				email: input.email.trim().toLowerCase(),
				passwordHash: passwordHash ?? null
			})
			.returning();
		await recordAudit(tx, {
			userId: actor?.id ?? null,
			action: 'create',
			entity: 'users',
			entityId: created.id,
			after: created
		});
		const token = passwordHash ? null : await issuePasswordToken(tx, actor, created.id);
		return { user: created, passwordToken: token };
	});
}

export async function updateUser(
	db: Db,
	actor: Actor,
	id: number,
	edit: Pick<UserInput, 'name' | 'role' | 'organisationId'> & { confirmAdmin?: boolean }
) {
	const input = { name: edit.name, role: edit.role, organisationId: edit.organisationId };
	await transaction(db, async (tx) => {
		const before = await getUser(tx, id);
		if (!before) throw new UserError(m.error_not_found(), 'not_found');
		await assertOrganisationExists(tx, input.organisationId);
		if (before.id === actor.id && input.role !== before.role) {
			throw fieldError('role', m.error_own_role());
		}
		if (input.role === 'admin' && before.role !== 'admin' && !edit.confirmAdmin) {
			throw fieldError('confirmAdmin', m.sec_confirm_admin_required());
		}
		await tx.update(users).set(input).where(eq(users.id, id));
		await recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'users',
			entityId: id,
			...changedFields(before, input)
		});
		// A changed role or organisation changes what the user may see: sign them in afresh.
		if (before.role !== input.role || before.organisationId !== input.organisationId) {
			await invalidateUserSessions(tx, id);
		}
	});
}

/** Disabling ends every session of the user at once. */
export async function setUserDisabled(db: Db, actor: Actor, id: number, disabled: boolean) {
	await transaction(db, async (tx) => {
		const before = await getUser(tx, id);
		if (!before) throw new UserError(m.error_not_found(), 'not_found');
		if (id === actor.id) throw new UserError(m.error_disable_self());
		const disabledAt = disabled ? new Date() : null;
		await tx.update(users).set({ disabledAt }).where(eq(users.id, id));
		if (disabled) await invalidateUserSessions(tx, id);
		await recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'users',
			entityId: id,
			before: { disabledAt: before.disabledAt },
			after: { disabledAt }
		});
	});
}

const PASSWORD_TOKEN_LIFETIME = 7 * 86_400_000;

/** A one-time link to set a password; earlier unused links of the user stop working. */
export async function issuePasswordToken(
	db: Db,
	actor: Actor | null,
	userId: number,
	now = new Date()
) {
	const token = generateToken();
	await transaction(db, async (tx) => {
		await tx
			.update(passwordTokens)
			.set({ usedAt: now })
			.where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
		await tx.insert(passwordTokens).values({
			id: hashToken(token),
			userId,
			expiresAt: new Date(now.getTime() + PASSWORD_TOKEN_LIFETIME),
			createdBy: actor?.id ?? null
		});
		await recordAudit(tx, {
			userId: actor?.id ?? null,
			action: 'create',
			entity: 'password_tokens',
			entityId: userId
		});
	});
	return token;
}

/** The user a still-valid link belongs to, or undefined. */
export async function findPasswordToken(db: Db, token: string, now = new Date()) {
	const row = await first(
		db
			.select({
				userId: passwordTokens.userId,
				expiresAt: passwordTokens.expiresAt,
				usedAt: passwordTokens.usedAt,
				email: users.email,
				name: users.name,
				language: users.language,
				disabledAt: users.disabledAt
			})
			.from(passwordTokens)
			.innerJoin(users, eq(users.id, passwordTokens.userId))
			.where(eq(passwordTokens.id, hashToken(token)))
	);
	if (!row || row.usedAt || row.disabledAt || row.expiresAt.getTime() <= now.getTime())
		return undefined;
	return row;
}

/** Sets the password through a link, uses the link up, and ends the user's other sessions. */
export async function setPasswordWithToken(db: Db, token: string, password: string) {
	const found = await findPasswordToken(db, token);
	if (!found) throw new UserError(m.error_link_invalid(), 'not_found');
	const passwordHash = await hashPassword(password);
	return await transaction(db, async (tx) => {
		// Checked again inside the transaction: the link may have been used meanwhile.
		if (!(await findPasswordToken(tx, token))) {
			throw new UserError(m.error_link_invalid(), 'not_found');
		}
		await tx
			.update(passwordTokens)
			.set({ usedAt: new Date() })
			.where(eq(passwordTokens.id, hashToken(token)));
		await tx.update(users).set({ passwordHash }).where(eq(users.id, found.userId));
		await invalidateUserSessions(tx, found.userId);
		// A new password from an administrator's link lets its owner straight back in.
		await clearFailures(tx, 'account', found.email);
		await recordAudit(tx, {
			userId: found.userId,
			action: 'update',
			entity: 'users',
			entityId: found.userId,
			detail: { changed: 'password', via: 'link' }
		});
		return found.userId;
	});
}

/**
 * Changes one's own password after checking the current one (wrong guesses there wait growing
 * delays too), and ends every other session of the account: a password changed because it
 * leaked must also throw out whoever used it. `keepSessionId` is the session doing the change.
 */
export async function changePassword(
	db: Db,
	actor: Actor,
	change: { current: string; password: string; keepSessionId: string | null },
	now = new Date()
) {
	const key = String(actor.id);
	const wait = await waitFor(db, 'password', key, now);
	if (wait > 0) {
		throw new UserError(m.sec_current_throttled({ wait: waitText(wait) }), 'throttled', {
			current: m.sec_current_throttled({ wait: waitText(wait) })
		});
	}
	const user = await getUser(db, actor.id);
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, change.current))) {
		await recordFailure(db, 'password', key, now);
		throw fieldError('current', m.error_current_password());
	}
	const passwordHash = await hashPassword(change.password);
	return await transaction(db, async (tx) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.id));
		const others = and(
			eq(sessions.userId, actor.id),
			change.keepSessionId ? ne(sessions.id, change.keepSessionId) : undefined
		);
		const ended = (await tx.delete(sessions).where(others).returning({ id: sessions.id })).length;
		await clearFailures(tx, 'password', key);
		await recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'users',
			entityId: actor.id,
			detail: { changed: 'password', otherSessionsEnded: ended }
		});
		return { otherSessionsEnded: ended };
	});
}

export async function setLanguage(db: Db, actor: Actor, language: Locale) {
	await transaction(db, async (tx) => {
		await tx.update(users).set({ language }).where(eq(users.id, actor.id));
	});
}
