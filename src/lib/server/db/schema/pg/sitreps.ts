import { index, integer, json, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { SITREP_STATUSES, type SectorTexts } from '$lib/domain/sitreps';
import type { KeyFigure } from '$lib/domain/figures';
import { createdAt, moment, updatedAt } from './columns';
import { users } from './auth';
import { responses } from './responses';

export const sitreps = pgTable(
	'sitreps',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		responseId: integer()
			.notNull()
			.references(() => responses.id),
		number: integer().notNull(),
		status: text({ enum: SITREP_STATUSES }).notNull().default('draft'),
		asOf: moment().notNull(),
		periodFrom: text(),
		periodTo: text(),
		highlights: text(),
		overview: text(),
		sectors: json().$type<SectorTexts>().notNull(),
		contacts: text(),
		nextReportOn: text(),
		authorId: integer()
			.notNull()
			.references(() => users.id),
		publishedAt: moment(),
		publishedBy: integer().references(() => users.id),
		figures: json().$type<KeyFigure[]>(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [uniqueIndex('sitreps_response_number_unique').on(t.responseId, t.number)]
);
export type Sitrep = typeof sitreps.$inferSelect;

export const sitrepShares = pgTable(
	'sitrep_shares',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		sitrepId: integer()
			.notNull()
			.references(() => sitreps.id),
		tokenHash: text().notNull(),
		createdBy: integer()
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		revokedAt: moment(),
		revokedBy: integer().references(() => users.id)
	},
	(t) => [
		uniqueIndex('sitrep_shares_token_unique').on(t.tokenHash),
		index('sitrep_shares_sitrep_idx').on(t.sitrepId)
	]
);
export type SitrepShare = typeof sitrepShares.$inferSelect;
