import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ACTIVITY_TYPES, REVIEW_STATES } from '$lib/domain/shelter';

/**
 * The 4W rows summed by what the matrix's totals, its map by province, Gaps and the sitrep
 * filter and group by, kept by the shelter services in the same transaction as the rows (see
 * `shelter/sums.ts`). Only rows every list shows are in it: an import's rows join when it is
 * published. Months are `YYYY-MM` of the start and of the end (the start when open-ended), so
 * "active during a month" and "started by a month" are exact; a cut within a month is read
 * from the rows. Absent keys are stored as 0 and '' so that the upsert's conflict target
 * matches them (NULLs never conflict). A cell whose rows all left stays with zeros.
 */
export const shelterActivitySums = sqliteTable(
	'shelter_activity_sums',
	{
		responseId: integer().notNull(),
		reviewState: text({ enum: REVIEW_STATES }).notNull(),
		startMonth: text().notNull(),
		endMonth: text().notNull(),
		organisationId: integer().notNull(),
		/** The implementing partner, 0 when none. */
		partnerId: integer().notNull(),
		activityType: text({ enum: ACTIVITY_TYPES }).notNull(),
		/** '' when the row has no place. */
		provincePcode: text().notNull(),
		activities: integer().notNull(),
		targetedHouseholds: integer().notNull(),
		reachedHouseholds: integer().notNull(),
		targetedPersons: integer().notNull(),
		reachedPersons: integer().notNull(),
		reachedFemale: integer().notNull(),
		reachedDisabled: integer().notNull()
	},
	(t) => [
		primaryKey({
			columns: [
				t.responseId,
				t.reviewState,
				t.startMonth,
				t.endMonth,
				t.organisationId,
				t.partnerId,
				t.activityType,
				t.provincePcode
			]
		})
	]
);

/**
 * The item lines of the same rows, by item and province. Without the activity type: with it
 * the cells outnumber the lines; Gaps filtered by type reads the lines.
 */
export const shelterItemSums = sqliteTable(
	'shelter_item_sums',
	{
		responseId: integer().notNull(),
		reviewState: text({ enum: REVIEW_STATES }).notNull(),
		startMonth: text().notNull(),
		endMonth: text().notNull(),
		organisationId: integer().notNull(),
		partnerId: integer().notNull(),
		provincePcode: text().notNull(),
		catalogueId: integer().notNull(),
		lines: integer().notNull(),
		quantity: integer().notNull()
	},
	(t) => [
		primaryKey({
			columns: [
				t.responseId,
				t.reviewState,
				t.startMonth,
				t.endMonth,
				t.organisationId,
				t.partnerId,
				t.provincePcode,
				t.catalogueId
			]
		})
	]
);
