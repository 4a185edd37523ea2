import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import {
	RESPONSE_AREAS,
	RESPONSE_KINDS,
	RESPONSE_STATUSES,
	type ResponseArea
} from '$lib/domain/responses';
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
	/**
	 * The areas it uses, in RESPONSE_AREAS order. The app always writes them (by kind unless the
	 * coordinator chose); the column default, every area, is for rows written by other means.
	 */
	areas: text({ mode: 'json' })
		.$type<ResponseArea[]>()
		.notNull()
		.default([...RESPONSE_AREAS]),
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
