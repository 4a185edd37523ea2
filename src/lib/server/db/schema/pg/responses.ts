import { index, integer, json, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import {
	RESPONSE_AREAS,
	RESPONSE_KINDS,
	RESPONSE_STATUSES,
	type ResponseArea
} from '$lib/domain/responses';
import { createdAt, updatedAt } from './columns';
import { users } from './auth';

export const responses = pgTable('responses', {
	id: integer().primaryKey().generatedByDefaultAsIdentity(),
	name: text().notNull(),
	kind: text({ enum: RESPONSE_KINDS }).notNull(),
	status: text({ enum: RESPONSE_STATUSES }).notNull().default('active'),
	startDate: text().notNull(),
	endDate: text(),
	description: text(),
	areas: json()
		.$type<ResponseArea[]>()
		.notNull()
		.default([...RESPONSE_AREAS]),
	createdBy: integer().references(() => users.id),
	createdAt: createdAt(),
	updatedAt: updatedAt()
});
export type Response = typeof responses.$inferSelect;

export const responseProvinces = pgTable(
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
