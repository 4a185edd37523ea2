import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { AUDIT_ACTIONS } from '$lib/domain/audit';
import { users } from './auth';

/** Append-only record of every change, sign-in and export. */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		at: integer({ mode: 'timestamp_ms' })
			.notNull()
			.$defaultFn(() => new Date()),
		/** Null for events without a signed-in user, such as a failed sign-in. */
		userId: integer().references(() => users.id),
		action: text({ enum: AUDIT_ACTIONS }).notNull(),
		/** The table (or export dataset) concerned, e.g. `users`, `responses`. */
		entity: text().notNull(),
		entityId: text(),
		responseId: integer(),
		before: text({ mode: 'json' }).$type<Record<string, unknown>>(),
		after: text({ mode: 'json' }).$type<Record<string, unknown>>(),
		/** Free context: the client address, an export's filters, a reason. */
		detail: text({ mode: 'json' }).$type<Record<string, unknown>>()
	},
	(t) => [
		index('audit_at_idx').on(t.at),
		index('audit_entity_idx').on(t.entity, t.entityId),
		index('audit_user_idx').on(t.userId)
	]
);
export type AuditEntry = typeof auditLog.$inferSelect;
