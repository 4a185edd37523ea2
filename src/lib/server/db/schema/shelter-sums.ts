import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ACTIVITY_TYPES, REVIEW_STATES } from '$lib/domain/shelter';

/** The figures a cell sums, the same in the sums by month and by day. */
const figures = () => ({
	activities: integer().notNull(),
	targetedHouseholds: integer().notNull(),
	reachedHouseholds: integer().notNull(),
	targetedPersons: integer().notNull(),
	reachedPersons: integer().notNull(),
	reachedFemale: integer().notNull(),
	reachedDisabled: integer().notNull()
});

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
		...figures()
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
 * the cells outnumber the lines (Gaps filtered by type reads `shelterProvinceItemSums`).
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

/**
 * The same rows by province alone: without the organisations or the other figures, so a reader
 * that needs neither (the map by province and Gaps for a reader who sees every organisation's
 * rows or only the validated ones, unfiltered by organisation) reads a few cells per province
 * instead of one per organisation. The key begins with what they group by (province, and the
 * item), so a response's cells are read in the order of their groups, with nothing to sort.
 */
export const shelterProvinceSums = sqliteTable(
	'shelter_province_sums',
	{
		responseId: integer().notNull(),
		reviewState: text({ enum: REVIEW_STATES }).notNull(),
		activityType: text({ enum: ACTIVITY_TYPES }).notNull(),
		startMonth: text().notNull(),
		endMonth: text().notNull(),
		provincePcode: text().notNull(),
		activities: integer().notNull(),
		reachedHouseholds: integer().notNull(),
		reachedPersons: integer().notNull()
	},
	(t) => [
		primaryKey({
			columns: [
				t.responseId,
				t.provincePcode,
				t.reviewState,
				t.activityType,
				t.startMonth,
				t.endMonth
			]
		})
	]
);

/** Their item lines by province and item, with the activity type (Gaps filters by it). */
export const shelterProvinceItemSums = sqliteTable(
	'shelter_province_item_sums',
	{
		responseId: integer().notNull(),
		reviewState: text({ enum: REVIEW_STATES }).notNull(),
		activityType: text({ enum: ACTIVITY_TYPES }).notNull(),
		startMonth: text().notNull(),
		endMonth: text().notNull(),
		provincePcode: text().notNull(),
		catalogueId: integer().notNull(),
		lines: integer().notNull(),
		quantity: integer().notNull()
	},
	(t) => [
		primaryKey({
			columns: [
				t.responseId,
				t.provincePcode,
				t.catalogueId,
				t.reviewState,
				t.activityType,
				t.startMonth,
				t.endMonth
			]
		})
	]
);

/**
 * The rows by day of start, organisation, implementing partner and province (without the
 * activity type or the end month), with every figure of `shelterActivitySums`: for the month a
 * `to` day cuts, whose rows up to that day these give (a few cells per day, where the month's
 * rows are many) when neither an activity type nor a month is chosen.
 */
export const shelterDaySums = sqliteTable(
	'shelter_day_sums',
	{
		responseId: integer().notNull(),
		reviewState: text({ enum: REVIEW_STATES }).notNull(),
		startDate: text().notNull(),
		organisationId: integer().notNull(),
		partnerId: integer().notNull(),
		provincePcode: text().notNull(),
		...figures()
	},
	(t) => [
		primaryKey({
			columns: [
				t.responseId,
				t.reviewState,
				t.startDate,
				t.organisationId,
				t.partnerId,
				t.provincePcode
			]
		})
	]
);

/**
 * The item lines of the same rows by day of start, province and item (for Gaps, which groups
 * them by province and reads them only for a reader who sees every organisation's rows or only
 * the validated ones).
 */
export const shelterProvinceDayItemSums = sqliteTable(
	'shelter_province_day_item_sums',
	{
		responseId: integer().notNull(),
		reviewState: text({ enum: REVIEW_STATES }).notNull(),
		startDate: text().notNull(),
		provincePcode: text().notNull(),
		catalogueId: integer().notNull(),
		lines: integer().notNull(),
		quantity: integer().notNull()
	},
	(t) => [
		primaryKey({
			columns: [t.responseId, t.reviewState, t.startDate, t.provincePcode, t.catalogueId]
		})
	]
);
