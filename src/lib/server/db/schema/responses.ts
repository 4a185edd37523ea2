import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { RESPONSE_KINDS, RESPONSE_STATUSES } from '$lib/domain/responses';
import { createdAt, updatedAt } from '../columns';
import { users } from './auth';

/** An emergency; everything operational belongs to one. */
export const responses = sqliteTable('responses', {
	id: integer().primaryKey({ autoIncrement: true }),
	name: text().notNull(),
	kind: text({ enum: RESPONSE_KINDS }).notNull(),
	status: text({ enum: RESPONSE_STATUSES }).notNull().default('active'),
	startDate: text().notNull(),
	endDate: text(),
	description: text(),
	createdBy: integer().references(() => users.id),
	createdAt: createdAt(),
	updatedAt: updatedAt()
});
export type Response = typeof responses.$inferSelect;

export const responseProvinces = sqliteTable(
	'response_provinces',
	{
		responseId: integer()
			.notNull()
			.references(() => responses.id, { onDelete: 'cascade' }),
		pcode: text().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.responseId, t.pcode] }),
		index('response_provinces_pcode_idx').on(t.pcode)
	]
);
