import {
	doublePrecision,
	index,
	integer,
	json,
	pgTable,
	primaryKey,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import {
	ACCESS,
	LOCATION_SOURCES,
	SANITATION_STATES,
	WATER_STATES,
	type Need
} from '$lib/domain/assessments';
import { createdAt, moment, peopleCountColumns } from './columns';
import { organisations, users } from './auth';
import { responses } from './responses';

const qty = () => integer().notNull().default(0);
const n = () => integer().notNull().default(0);

export const assessments = pgTable(
	'assessments',
	{
		seq: integer().primaryKey().generatedByDefaultAsIdentity(),
		id: text().notNull(),
		responseId: integer()
			.notNull()
			.references(() => responses.id),
		organisationId: integer()
			.notNull()
			.references(() => organisations.id),
		submittedBy: integer()
			.notNull()
			.references(() => users.id),
		contentHash: text().notNull(),
		observedOn: text().notNull(),
		lon: doublePrecision().notNull(),
		lat: doublePrecision().notNull(),
		accuracyM: doublePrecision(),
		locationSource: text({ enum: LOCATION_SOURCES }).notNull(),
		pcode: text(),
		pcodeSource: text({ enum: ['given', 'point', 'none'] }).notNull(),
		pointPcode: text(),
		provincePcode: text(),
		districtPcode: text(),
		villageName: text(),
		affectedHouseholds: n(),
		...peopleCountColumns('affected_'),
		affectedPersons: n(),
		displacedHouseholds: n(),
		displacedPersons: n(),
		displacedHhSites: n(),
		displacedHhHost: n(),
		displacedHhRoadside: n(),
		deaths: n(),
		injured: n(),
		missing: n(),
		houses: n(),
		housesFlooded: n(),
		housesDamaged: n(),
		housesDestroyed: n(),
		access: text({ enum: ACCESS }).notNull(),
		waterState: text({ enum: WATER_STATES }).notNull(),
		sanitationState: text({ enum: SANITATION_STATES }).notNull(),
		needs: json().$type<Need[]>().notNull(),
		qtyTarpaulins: qty(),
		qtyTents: qty(),
		qtyShelterKits: qty(),
		qtyFamilyKits: qty(),
		qtyHygieneKits: qty(),
		qtyKitchenSets: qty(),
		qtyMosquitoNets: qty(),
		qtyBlankets: qty(),
		qtySleepingMats: qty(),
		qtyJerryCans: qty(),
		qtyWaterFilters: qty(),
		notes: text(),
		receivedAt: createdAt()
	},
	(t) => [
		uniqueIndex('assessments_id_unique').on(t.id),
		// Ends with the seq, as SQLite's index does by itself (the seq is its rowid): the export's
		// keyset pages read a day in seq order straight from it, where without it each page
		// walked the primary key and skipped every other day's rows.
		index('assessments_response_day_idx').on(t.responseId, t.observedOn, t.seq),
		index('assessments_response_area_idx').on(t.responseId, t.provincePcode, t.districtPcode),
		// A submission's duplicate check reads the day's others in its commune, and those in the
		// box around its point (`sameDayAs`): each half from an index, not by reading the whole day.
		index('assessments_day_pcode_idx').on(t.responseId, t.observedOn, t.pcode),
		index('assessments_day_lat_idx').on(t.responseId, t.observedOn, t.lat),
		index('assessments_organisation_idx').on(t.organisationId)
	]
);
export type AssessmentRow = typeof assessments.$inferSelect;

export const assessmentDuplicates = pgTable(
	'assessment_duplicates',
	{
		assessmentSeq: integer()
			.notNull()
			.references(() => assessments.seq),
		otherSeq: integer()
			.notNull()
			.references(() => assessments.seq),
		reason: text({ enum: ['same_commune', 'nearby'] }).notNull(),
		distanceM: doublePrecision().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.assessmentSeq, t.otherSeq] }),
		index('assessment_duplicates_other_idx').on(t.otherSeq)
	]
);

export const assessmentReviews = pgTable(
	'assessment_reviews',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		assessmentSeq: integer()
			.notNull()
			.references(() => assessments.seq),
		decision: text({ enum: ['duplicate', 'distinct'] }).notNull(),
		reviewedBy: integer()
			.notNull()
			.references(() => users.id),
		reviewedAt: moment()
			.notNull()
			.$defaultFn(() => new Date())
	},
	(t) => [index('assessment_reviews_seq_idx').on(t.assessmentSeq)]
);
