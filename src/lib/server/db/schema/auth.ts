import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ORGANISATION_TYPES, ROLES, LOCALES } from '$lib/domain/accounts';
import { createdAt, updatedAt } from '../columns';

export const organisations = sqliteTable('organisations', {
	id: integer().primaryKey({ autoIncrement: true }),
	name: text().notNull().unique(),
	acronym: text().notNull().unique(),
	type: text({ enum: ORGANISATION_TYPES }).notNull(),
	/**
	 * Who to call or write about the organisation's operations: what a receiving team sees of a
	 * manifest it may not see the driver of (a driver's name and phone are personal data).
	 */
	contactPhone: text(),
	contactEmail: text(),
	createdAt: createdAt(),
	updatedAt: updatedAt()
});
export type Organisation = typeof organisations.$inferSelect;

export const users = sqliteTable(
	'users',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		email: text().notNull(),
		name: text().notNull(),
		/** Null until the user sets a password through a one-time link. */
		passwordHash: text(),
		role: text({ enum: ROLES }).notNull(),
		organisationId: integer()
			.notNull()
			.references(() => organisations.id),
		language: text({ enum: LOCALES }).notNull().default('en'),
		disabledAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
		index('users_organisation_idx').on(t.organisationId)
	]
);
export type User = typeof users.$inferSelect;

/** Lucia-style sessions: the id is the SHA-256 of the token the browser holds. */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text().primaryKey(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);
export type Session = typeof sessions.$inferSelect;

/** One-time links an admin hands over so a user can set (or reset) a password. */
export const passwordTokens = sqliteTable(
	'password_tokens',
	{
		id: text().primaryKey(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		usedAt: integer({ mode: 'timestamp_ms' }),
		createdBy: integer().references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [index('password_tokens_user_idx').on(t.userId)]
);

/** Tokens for scripts and other tools; only the hash is kept, the token is shown once. */
export const apiTokens = sqliteTable(
	'api_tokens',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		tokenHash: text().notNull().unique(),
		/** The first characters of the token, so its owner can recognise it in the list. */
		prefix: text().notNull(),
		scopes: text({ mode: 'json' }).$type<string[]>().notNull(),
		lastUsedAt: integer({ mode: 'timestamp_ms' }),
		revokedAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [index('api_tokens_user_idx').on(t.userId)]
);
export type ApiToken = typeof apiTokens.$inferSelect;

/**
 * A run of failed password checks per key (an account's email, a client address, or a user's
 * current-password check on the account page) and when the key may try again; kept in the
 * database so several app servers share it.
 */
export const signInThrottle = sqliteTable('sign_in_throttle', {
	key: text().primaryKey(),
	failures: integer().notNull().default(0),
	/** The first failure of the run. */
	windowStart: integer({ mode: 'timestamp_ms' }).notNull(),
	/** The next attempt is not checked before this moment. */
	lockedUntil: integer({ mode: 'timestamp_ms' }),
	/** Null on rows written before delays grew: then `windowStart` stands in. */
	lastFailureAt: integer({ mode: 'timestamp_ms' })
});
export type SignInThrottle = typeof signInThrottle.$inferSelect;

/**
 * Browsers that signed in to an account before (OWASP's device cookies): only the hash of the
 * cookie is kept. A known browser is not held back by its account's sign-in delays, so nobody
 * can keep a person out of their own account by failing on purpose.
 */
export const knownDevices = sqliteTable(
	'known_devices',
	{
		id: text().primaryKey(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lastUsedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('known_devices_user_idx').on(t.userId)]
);
