import { sql } from 'drizzle-orm';
import { index, integer, json, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ORGANISATION_TYPES, ROLES, LOCALES } from '$lib/domain/accounts';
import { createdAt, moment, updatedAt } from './columns';

export const organisations = pgTable('organisations', {
	id: integer().primaryKey().generatedByDefaultAsIdentity(),
	name: text().notNull().unique(),
	acronym: text().notNull().unique(),
	type: text({ enum: ORGANISATION_TYPES }).notNull(),
	contactPhone: text(),
	contactEmail: text(),
	createdAt: createdAt(),
	updatedAt: updatedAt()
});
export type Organisation = typeof organisations.$inferSelect;

export const users = pgTable(
	'users',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		email: text().notNull(),
		name: text().notNull(),
		passwordHash: text(),
		role: text({ enum: ROLES }).notNull(),
		organisationId: integer()
			.notNull()
			.references(() => organisations.id),
		language: text({ enum: LOCALES }).notNull().default('en'),
		disabledAt: moment(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
		index('users_organisation_idx').on(t.organisationId)
	]
);
export type User = typeof users.$inferSelect;

export const sessions = pgTable(
	'sessions',
	{
		id: text().primaryKey(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: moment().notNull(),
		createdAt: createdAt()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);
export type Session = typeof sessions.$inferSelect;

export const passwordTokens = pgTable(
	'password_tokens',
	{
		id: text().primaryKey(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: moment().notNull(),
		usedAt: moment(),
		createdBy: integer().references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [index('password_tokens_user_idx').on(t.userId)]
);

export const apiTokens = pgTable(
	'api_tokens',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		tokenHash: text().notNull().unique(),
		prefix: text().notNull(),
		scopes: json().$type<string[]>().notNull(),
		lastUsedAt: moment(),
		revokedAt: moment(),
		createdAt: createdAt()
	},
	(t) => [index('api_tokens_user_idx').on(t.userId)]
);
export type ApiToken = typeof apiTokens.$inferSelect;

export const signInThrottle = pgTable('sign_in_throttle', {
	key: text().primaryKey(),
	failures: integer().notNull().default(0),
	windowStart: moment().notNull(),
	lockedUntil: moment(),
	lastFailureAt: moment()
});
export type SignInThrottle = typeof signInThrottle.$inferSelect;

export const knownDevices = pgTable(
	'known_devices',
	{
		id: text().primaryKey(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lastUsedAt: moment().notNull(),
		createdAt: createdAt()
	},
	(t) => [index('known_devices_user_idx').on(t.userId)]
);
