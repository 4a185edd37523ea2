import { eq } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
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

export function createSession(db: Db, userId: number, now = new Date()) {
	const token = generateToken();
	const session = {
		id: hashToken(token),
		userId,
		expiresAt: new Date(now.getTime() + SESSION_LIFETIME)
	};
	db.insert(sessions).values(session).run();
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

/**
 * The session and user behind a token, or nulls when the token is unknown, expired or its user
 * disabled. Extends the session when it is past half its life; `renewed` tells the caller to
 * send the cookie again.
 */
export function validateSessionToken(db: Db, token: string, now = new Date()) {
	const id = hashToken(token);
	const row = db
		.select({ session: sessions, user: sessionUserColumns })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(sessions.id, id))
		.get();
	if (!row) return { session: null, user: null, renewed: false } as const;
	const { session, user } = row;
	if (now.getTime() >= session.expiresAt.getTime() || user.disabledAt) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return { session: null, user: null, renewed: false } as const;
	}
	let renewed = false;
	if (session.expiresAt.getTime() - now.getTime() < RENEW_BEFORE) {
		session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME);
		db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id)).run();
		renewed = true;
	}
	const { disabledAt: _disabled, ...sessionUser } = user;
	return { session, user: sessionUser satisfies SessionUser, renewed };
}

export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateUserSessions(db: Db, userId: number): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
