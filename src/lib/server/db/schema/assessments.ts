import {
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import {
	ACCESS,
	LOCATION_SOURCES,
	SANITATION_STATES,
	WATER_STATES,
	type Need
} from '$lib/domain/assessments';
import { createdAt, peopleCountColumns } from '../columns';
import { organisations, users } from './auth';
import { responses } from './responses';

const qty = () => integer().notNull().default(0);
const n = () => integer().notNull().default(0);

/**
 * Rapid assessments, append-only: a row is never updated. `id` is the UUID the device made, the
 * unique key that makes a second post of the same submission land on the same row; `seq` is the
 * order of arrival, for paging and compact map points.
 */
export const assessments = sqliteTable(
	'assessments',
	{
		seq: integer().primaryKey({ autoIncrement: true }),
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
		/** SHA-256 of the submission's canonical JSON: tells a retry from a reuse of the id. */
		contentHash: text().notNull(),
		observedOn: text().notNull(),
		lon: real().notNull(),
		lat: real().notNull(),
		accuracyM: real(),
		locationSource: text({ enum: LOCATION_SOURCES }).notNull(),
		/** As given, or found from the point (`pcodeSource` says which). */
		pcode: text(),
		pcodeSource: text({ enum: ['given', 'point', 'none'] }).notNull(),
		/** The area the point lies in (the finest with a shape), kept beside a given P-code. */
		pointPcode: text(),
		provincePcode: text(),
		districtPcode: text(),
		villageName: text(),
		affectedHouseholds: n(),
		...peopleCountColumns('affected_'),
		/** The sum of the affected cells, kept for totals and the map. */
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
		/** Ranked, first is most urgent. */
		needs: text({ mode: 'json' }).$type<Need[]>().notNull(),
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
		index('assessments_response_day_idx').on(t.responseId, t.observedOn),
		index('assessments_response_area_idx').on(t.responseId, t.provincePcode, t.districtPcode),
		// A submission's duplicate check reads the day's others in its commune, and those in the
		// box around its point (`sameDayAs`): each half from an index, not by reading the whole day.
		index('assessments_day_pcode_idx').on(t.responseId, t.observedOn, t.pcode),
		index('assessments_day_lat_idx').on(t.responseId, t.observedOn, t.lat),
		index('assessments_organisation_idx').on(t.organisationId)
	]
);
export type AssessmentRow = typeof assessments.$inferSelect;

/**
 * Likely duplicates, found when the later of two arrives: same day, same commune or within a
 * few hundred metres, from another organisation or person. Flags for a coordinator to review;
 * nothing is deleted.
 */
export const assessmentDuplicates = sqliteTable(
	'assessment_duplicates',
	{
		/** The later arrival. */
		assessmentSeq: integer()
			.notNull()
			.references(() => assessments.seq),
		/** The earlier one it resembles. */
		otherSeq: integer()
			.notNull()
			.references(() => assessments.seq),
		reason: text({ enum: ['same_commune', 'nearby'] }).notNull(),
		distanceM: real().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.assessmentSeq, t.otherSeq] }),
		index('assessment_duplicates_other_idx').on(t.otherSeq)
	]
);

/** A coordinator's decision on a flagged assessment; the latest one counts. Append-only too. */
export const assessmentReviews = sqliteTable(
	'assessment_reviews',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		assessmentSeq: integer()
			.notNull()
			.references(() => assessments.seq),
		/** `duplicate` leaves it out of totals; `distinct` clears the flag. */
		decision: text({ enum: ['duplicate', 'distinct'] }).notNull(),
		reviewedBy: integer()
			.notNull()
			.references(() => users.id),
		reviewedAt: integer({ mode: 'timestamp_ms' })
			.notNull()
			.$defaultFn(() => new Date())
	},
	(t) => [index('assessment_reviews_seq_idx').on(t.assessmentSeq)]
);
