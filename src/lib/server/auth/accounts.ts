import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from '$lib/domain/policy';
import type { Locale } from '$lib/domain/accounts';
import type { Db } from '$lib/server/db';
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

export function listOrganisations(db: Db) {
	return db
		.select({
			id: organisations.id,
			name: organisations.name,
			acronym: organisations.acronym,
			type: organisations.type,
			users: sql<number>`(select count(*) from ${users} where ${users.organisationId} = ${organisations.id})`
		})
		.from(organisations)
		.orderBy(asc(organisations.acronym))
		.all();
}

export function getOrganisation(db: Db, id: number) {
	return db.select().from(organisations).where(eq(organisations.id, id)).get();
}

function assertUniqueOrganisation(db: Db, input: OrganisationInput, exceptId?: number) {
	for (const field of ['name', 'acronym'] as const) {
		const clash = db
			.select({ id: organisations.id })
			.from(organisations)
			.where(sql`lower(${organisations[field]}) = lower(${input[field]})`)
			.get();
		if (clash && clash.id !== exceptId) throw fieldError(field, m.error_taken(), 'conflict');
	}
}

export function createOrganisation(db: Db, actor: Actor | null, input: OrganisationInput) {
	return db.transaction((tx) => {
		assertUniqueOrganisation(tx, input);
		const created = tx.insert(organisations).values(input).returning().get();
		recordAudit(tx, {
			userId: actor?.id ?? null,
			action: 'create',
			entity: 'organisations',
			entityId: created.id,
			after: created
		});
		return created;
	});
}

export function updateOrganisation(db: Db, actor: Actor, id: number, input: OrganisationInput) {
	return db.transaction((tx) => {
		const before = getOrganisation(tx, id);
		if (!before) throw new UserError(m.error_not_found(), 'not_found');
		assertUniqueOrganisation(tx, input, id);
		const after = tx
			.update(organisations)
			.set(input)
			.where(eq(organisations.id, id))
			.returning()
			.get();
		recordAudit(tx, {
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
export function listUsers(db: Db) {
	return db
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
		.orderBy(asc(users.name))
		.all();
}

export function getUser(db: Db, id: number): User | undefined {
	return db.select().from(users).where(eq(users.id, id)).get();
}

export function findUserByEmail(db: Db, email: string): User | undefined {
	return db
		.select()
		.from(users)
		.where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
		.get();
}

interface UserInput {
	email: string;
	name: string;
	role: User['role'];
	organisationId: number;
	language?: Locale;
}

function assertOrganisationExists(db: Db, organisationId: number) {
	if (!getOrganisation(db, organisationId)) throw fieldError('organisationId', m.error_choose());
}

/** Creates an account without a password; the returned link lets its owner set one. */
export function createUser(db: Db, actor: Actor | null, input: UserInput, passwordHash?: string) {
	return db.transaction((tx) => {
		if (findUserByEmail(tx, input.email)) throw fieldError('email', m.error_taken(), 'conflict');
		assertOrganisationExists(tx, input.organisationId);
		const created = tx
			.insert(users)
			.values({
				name: input.name,
				role: input.role,
				organisationId: input.organisationId,
				language: input.language,
				email: input.email.trim().toLowerCase(),
				passwordHash: passwordHash ?? null
			})
			.returning()
			.get();
		recordAudit(tx, {
			userId: actor?.id ?? null,
			action: 'create',
			entity: 'users',
			entityId: created.id,
			after: created
		});
		const token = passwordHash ? null : issuePasswordToken(tx, actor, created.id);
		return { user: created, passwordToken: token };
	});
}

export function updateUser(
	db: Db,
	actor: Actor,
	id: number,
	edit: Pick<UserInput, 'name' | 'role' | 'organisationId'> & { confirmAdmin?: boolean }
) {
	const input = { name: edit.name, role: edit.role, organisationId: edit.organisationId };
	return db.transaction((tx) => {
		const before = getUser(tx, id);
		if (!before) throw new UserError(m.error_not_found(), 'not_found');
		assertOrganisationExists(tx, input.organisationId);
		if (before.id === actor.id && input.role !== before.role) {
			throw fieldError('role', m.error_own_role());
		}
		if (input.role === 'admin' && before.role !== 'admin' && !edit.confirmAdmin) {
			throw fieldError('confirmAdmin', m.sec_confirm_admin_required());
		}
		tx.update(users).set(input).where(eq(users.id, id)).run();
		recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'users',
			entityId: id,
			...changedFields(before, input)
		});
		// A changed role or organisation changes what the user may see: sign them in afresh.
		if (before.role !== input.role || before.organisationId !== input.organisationId) {
			invalidateUserSessions(tx, id);
		}
	});
}

/** Disabling ends every session of the user at once. */
export function setUserDisabled(db: Db, actor: Actor, id: number, disabled: boolean) {
	return db.transaction((tx) => {
		const before = getUser(tx, id);
		if (!before) throw new UserError(m.error_not_found(), 'not_found');
		if (id === actor.id) throw new UserError(m.error_disable_self());
		const disabledAt = disabled ? new Date() : null;
		tx.update(users).set({ disabledAt }).where(eq(users.id, id)).run();
		if (disabled) invalidateUserSessions(tx, id);
		recordAudit(tx, {
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
export function issuePasswordToken(db: Db, actor: Actor | null, userId: number, now = new Date()) {
	const token = generateToken();
	db.transaction((tx) => {
		tx.update(passwordTokens)
			.set({ usedAt: now })
			.where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)))
			.run();
		tx.insert(passwordTokens)
			.values({
				id: hashToken(token),
				userId,
				expiresAt: new Date(now.getTime() + PASSWORD_TOKEN_LIFETIME),
				createdBy: actor?.id ?? null
			})
			.run();
		recordAudit(tx, {
			userId: actor?.id ?? null,
			action: 'create',
			entity: 'password_tokens',
			entityId: userId
		});
	});
	return token;
}

/** The user a still-valid link belongs to, or undefined. */
export function findPasswordToken(db: Db, token: string, now = new Date()) {
	const row = db
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
		.get();
	if (!row || row.usedAt || row.disabledAt || row.expiresAt.getTime() <= now.getTime())
		return undefined;
	return row;
}

/** Sets the password through a link, uses the link up, and ends the user's other sessions. */
export async function setPasswordWithToken(db: Db, token: string, password: string) {
	const found = findPasswordToken(db, token);
	if (!found) throw new UserError(m.error_link_invalid(), 'not_found');
	const passwordHash = await hashPassword(password);
	return db.transaction((tx) => {
		// Checked again inside the transaction: the link may have been used meanwhile.
		if (!findPasswordToken(tx, token)) throw new UserError(m.error_link_invalid(), 'not_found');
		tx.update(passwordTokens)
			.set({ usedAt: new Date() })
			.where(eq(passwordTokens.id, hashToken(token)))
			.run();
		tx.update(users).set({ passwordHash }).where(eq(users.id, found.userId)).run();
		invalidateUserSessions(tx, found.userId);
		// A new password from an administrator's link lets its owner straight back in.
		clearFailures(tx, 'account', found.email);
		recordAudit(tx, {
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
	const wait = waitFor(db, 'password', key, now);
	if (wait > 0) {
		throw new UserError(m.sec_current_throttled({ wait: waitText(wait) }), 'throttled', {
			current: m.sec_current_throttled({ wait: waitText(wait) })
		});
	}
	const user = getUser(db, actor.id);
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, change.current))) {
		recordFailure(db, 'password', key, now);
		throw fieldError('current', m.error_current_password());
	}
	const passwordHash = await hashPassword(change.password);
	return db.transaction((tx) => {
		tx.update(users).set({ passwordHash }).where(eq(users.id, actor.id)).run();
		const others = and(
			eq(sessions.userId, actor.id),
			change.keepSessionId ? ne(sessions.id, change.keepSessionId) : undefined
		);
		const ended = tx.delete(sessions).where(others).returning({ id: sessions.id }).all().length;
		clearFailures(tx, 'password', key);
		recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'users',
			entityId: actor.id,
			detail: { changed: 'password', otherSessionsEnded: ended }
		});
		return { otherSessionsEnded: ended };
	});
}

export function setLanguage(db: Db, actor: Actor, language: Locale) {
	db.update(users).set({ language }).where(eq(users.id, actor.id)).run();
}
