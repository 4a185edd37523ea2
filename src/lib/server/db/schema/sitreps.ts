import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { SITREP_STATUSES, type SectorTexts } from '$lib/domain/sitreps';
import type { KeyFigure } from '$lib/domain/figures';
import { createdAt, updatedAt } from '../columns';
import { users } from './auth';
import { responses } from './responses';

/**
 * Numbered situation reports of a response. A draft is edited freely and shows live figures;
 * publishing freezes `figures` and makes the row immutable (the services refuse edits).
 */
export const sitreps = sqliteTable(
	'sitreps',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		responseId: integer()
			.notNull()
			.references(() => responses.id),
		/** 1, 2, 3… within the response. */
		number: integer().notNull(),
		status: text({ enum: SITREP_STATUSES }).notNull().default('draft'),
		/** The moment the figures describe. */
		asOf: integer({ mode: 'timestamp_ms' }).notNull(),
		periodFrom: text(),
		periodTo: text(),
		highlights: text(),
		overview: text(),
		/** Needs, response and gaps per sector (keys from `SECTORS`). */
		sectors: text({ mode: 'json' }).$type<SectorTexts>().notNull(),
		contacts: text(),
		nextReportOn: text(),
		authorId: integer()
			.notNull()
			.references(() => users.id),
		publishedAt: integer({ mode: 'timestamp_ms' }),
		publishedBy: integer().references(() => users.id),
		/** The key figures as computed when published; null while a draft. */
		figures: text({ mode: 'json' }).$type<KeyFigure[]>(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [uniqueIndex('sitreps_response_number_unique').on(t.responseId, t.number)]
);
export type Sitrep = typeof sitreps.$inferSelect;

/** Read-only links to a published sitrep: only the token's SHA-256 is kept. */
export const sitrepShares = sqliteTable(
	'sitrep_shares',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		sitrepId: integer()
			.notNull()
			.references(() => sitreps.id),
		tokenHash: text().notNull(),
		createdBy: integer()
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		revokedAt: integer({ mode: 'timestamp_ms' }),
		revokedBy: integer().references(() => users.id)
	},
	(t) => [
		uniqueIndex('sitrep_shares_token_unique').on(t.tokenHash),
		index('sitrep_shares_sitrep_idx').on(t.sitrepId)
	]
);
export type SitrepShare = typeof sitrepShares.$inferSelect;
