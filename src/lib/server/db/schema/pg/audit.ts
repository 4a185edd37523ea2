import { index, integer, json, pgTable, text } from 'drizzle-orm/pg-core';
import { AUDIT_ACTIONS } from '$lib/domain/audit';
import { moment } from './columns';
import { users } from './auth';

export const auditLog = pgTable(
	'audit_log',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		at: moment()
			.notNull()
			.$defaultFn(() => new Date()),
		userId: integer().references(() => users.id),
		action: text({ enum: AUDIT_ACTIONS }).notNull(),
		entity: text().notNull(),
		entityId: text(),
		responseId: integer(),
		before: json().$type<Record<string, unknown>>(),
		after: json().$type<Record<string, unknown>>(),
		detail: json().$type<Record<string, unknown>>()
	},
	(t) => [
		index('audit_at_idx').on(t.at),
		index('audit_entity_idx').on(t.entity, t.entityId),
		index('audit_user_idx').on(t.userId)
	]
);
export type AuditEntry = typeof auditLog.$inferSelect;
