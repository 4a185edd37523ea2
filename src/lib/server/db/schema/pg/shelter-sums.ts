import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
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

/** The 4W sums, as `../shelter-sums.ts` describes them. */
export const shelterActivitySums = pgTable(
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

/** The item lines' sums, as `../shelter-sums.ts` describes them. */
export const shelterItemSums = pgTable(
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

/** The sums by province alone, as `../shelter-sums.ts` describes them. */
export const shelterProvinceSums = pgTable(
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

/** Their item lines, as `../shelter-sums.ts` describes them. */
export const shelterProvinceItemSums = pgTable(
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

/** The sums by day of start, as `../shelter-sums.ts` describes them. */
export const shelterDaySums = pgTable(
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

/** Their item lines, as `../shelter-sums.ts` describes them. */
export const shelterProvinceDayItemSums = pgTable(
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
