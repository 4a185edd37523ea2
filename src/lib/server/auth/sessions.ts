import { eq, sql } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { prepared } from '$lib/server/db/statements';
import { transaction } from '$lib/server/db/transaction';
import { organisations, sessions, users } from '$lib/server/db/schema';
import type { Role, Locale } from '$lib/domain/accounts';
import { generateToken, hashToken } from './crypto';

const DAY = 86_400_000;
export const SESSION_LIFETIME = 30 * DAY;
/** A session used in its second half is extended: sliding expiry. */
const RENEW_BEFORE = 15 * DAY;

export const SESSION_COOKIE = 'sahakar_session';

/** What the app knows of the signed-in user on every request. */
export interface SessionUser {
	id: number;
	email: string;
	name: string;
	role: Role;
	organisationId: number;
	organisationAcronym: string;
	language: Locale;
}

export async function createSession(db: Db, userId: number, now = new Date()) {
	const token = generateToken();
	const session = {
		id: hashToken(token),
		userId,
		expiresAt: new Date(now.getTime() + SESSION_LIFETIME)
	};
	await transaction(db, async (tx) => {
		await tx.insert(sessions).values(session);
	});
	return { token, session };
}

export const sessionUserColumns = {
	id: users.id,
	email: users.email,
	name: users.name,
	role: users.role,
	organisationId: users.organisationId,
	organisationAcronym: organisations.acronym,
	language: users.language,
	disabledAt: users.disabledAt
};

/** A session and its user by the session's id, built once (`prepared`): every page asks. */
const sessionById = (db: Db) =>
	prepared(db, 'sessions.byId', (d) =>
		d
			.select({ session: sessions, user: sessionUserColumns })
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.innerJoin(organisations, eq(organisations.id, users.organisationId))
			.where(eq(sessions.id, sql.placeholder('id')))
			.limit(1)
			.prepare()
	);

/**
 * The session and user behind a token, or nulls when the token is unknown, expired or its user
 * disabled. Extends the session when it is past half its life; `renewed` tells the caller to
 * send the cookie again.
 */
export async function validateSessionToken(db: Db, token: string, now = new Date()) {
	const id = hashToken(token);
	const [row] = await sessionById(db).execute({ id });
	if (!row) return { session: null, user: null, renewed: false } as const;
	const { session, user } = row;
	if (now.getTime() >= session.expiresAt.getTime() || user.disabledAt) {
		await invalidateSession(db, id);
		return { session: null, user: null, renewed: false } as const;
	}
	let renewed = false;
	if (session.expiresAt.getTime() - now.getTime() < RENEW_BEFORE) {
		const expiresAt = new Date(now.getTime() + SESSION_LIFETIME);
		await transaction(db, async (tx) => {
			await tx.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
		});
		session.expiresAt = expiresAt;
		renewed = true;
	}
	const { disabledAt: _disabled, ...sessionUser } = user;
	return { session, user: sessionUser satisfies SessionUser, renewed };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await transaction(db, async (tx) => {
		await tx.delete(sessions).where(eq(sessions.id, sessionId));
	});
}

export async function invalidateUserSessions(db: Db, userId: number): Promise<void> {
	await transaction(db, async (tx) => {
		await tx.delete(sessions).where(eq(sessions.userId, userId));
	});
}
