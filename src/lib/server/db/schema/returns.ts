import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import {
	MANIFEST_MODES,
	MANIFEST_STATUSES,
	SHIFTS,
	VEHICLE_KINDS,
	type PassengerFlag
} from '$lib/domain/returns';
import { SEXES } from '$lib/domain/people';
import { clientIdColumns, createdAt, peopleCountColumns, updatedAt } from '../columns';
import { organisations, users } from './auth';
import { locations } from './places';
import { responses } from './responses';

const n = () => integer().notNull().default(0);
const at = () => integer({ mode: 'timestamp_ms' });

/**
 * One count of arrivals at a crossing point or a transit centre: a shift's tally. Several
 * tallies of a day add up; a correction edits the row (and is in the audit log). Only tallies at
 * border crossing points count people who crossed (see `RETURN_LOCATION_KINDS`).
 */
export const arrivalTallies = sqliteTable(
	'arrival_tallies',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		...clientIdColumns(),
		responseId: integer()
			.notNull()
			.references(() => responses.id),
		locationId: integer()
			.notNull()
			.references(() => locations.id),
		arrivedOn: text().notNull(),
		shift: text({ enum: SHIFTS }).notNull(),
		...peopleCountColumns(),
		/** The sum of the sex and age cells, kept for totals and charts. */
		persons: n(),
		unaccompaniedChildren: n(),
		pregnantLactating: n(),
		healthReferrals: n(),
		traffickingReferrals: n(),
		notes: text(),
		organisationId: integer()
			.notNull()
			.references(() => organisations.id),
		recordedBy: integer()
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('arrival_tallies_client_id_unique').on(t.clientId),
		index('arrival_tallies_response_day_idx').on(t.responseId, t.arrivedOn, t.locationId),
		index('arrival_tallies_location_idx').on(t.locationId)
	]
);
export type ArrivalTally = typeof arrivalTallies.$inferSelect;

/**
 * Where a tally's people are going, per province. The response and day are copied from the
 * tally so the reconciliation reads this table alone, through its index.
 */
export const tallyDestinations = sqliteTable(
	'tally_destinations',
	{
		tallyId: integer()
			.notNull()
			.references(() => arrivalTallies.id, { onDelete: 'cascade' }),
		responseId: integer().notNull(),
		arrivedOn: text().notNull(),
		provincePcode: text().notNull(),
		persons: integer().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.tallyId, t.provincePcode] }),
		index('tally_destinations_recon_idx').on(t.responseId, t.provincePcode, t.arrivedOn, t.persons)
	]
);
export type TallyDestination = typeof tallyDestinations.$inferSelect;

/**
 * The destination lines of tallies at border crossing points, summed per response, province
 * and arrival day: what the reconciliation and the dashboard read, some twenty times fewer rows
 * than the lines at twenty crossing points. Kept in step by the tally and location services in
 * the same transaction (a transit centre's lines are not in it: those people crossed already).
 */
export const arrivalDayDestinations = sqliteTable(
	'arrival_day_destinations',
	{
		responseId: integer().notNull(),
		provincePcode: text().notNull(),
		arrivedOn: text().notNull(),
		persons: integer().notNull()
	},
	(t) => [primaryKey({ columns: [t.responseId, t.provincePcode, t.arrivedOn] })]
);

/**
 * One vehicle's trip from a crossing point or transit centre to a home province. The SADD
 * cells and `passengers` hold the load for both modes (for a named list they are computed from
 * the passengers), so totals never need to read the passenger rows.
 */
export const manifests = sqliteTable(
	'manifests',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		...clientIdColumns(),
		code: text().notNull(),
		responseId: integer()
			.notNull()
			.references(() => responses.id),
		originLocationId: integer()
			.notNull()
			.references(() => locations.id),
		vehicleKind: text({ enum: VEHICLE_KINDS }).notNull(),
		plate: text().notNull(),
		capacity: integer().notNull(),
		driverName: text(),
		driverPhone: text(),
		operatorOrganisationId: integer().references(() => organisations.id),
		destProvincePcode: text().notNull(),
		destDistrictPcode: text(),
		plannedDeparture: at().notNull(),
		mode: text({ enum: MANIFEST_MODES }).notNull(),
		status: text({ enum: MANIFEST_STATUSES }).notNull().default('draft'),
		boardingAt: at(),
		departedAt: at(),
		/** The Cambodian calendar day of `departedAt`, what the reconciliation groups by. */
		departedOn: text(),
		arrivedAt: at(),
		cancelledAt: at(),
		...peopleCountColumns(),
		passengers: n(),
		/** Confirmed by the receiving team; `passengers - received` are missing. */
		receivedCount: integer(),
		missingNote: text(),
		/** The organisation that made the manifest and owns its passenger list. */
		organisationId: integer()
			.notNull()
			.references(() => organisations.id),
		createdBy: integer()
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('manifests_code_unique').on(t.code),
		uniqueIndex('manifests_client_id_unique').on(t.clientId),
		index('manifests_recon_idx').on(
			t.responseId,
			t.destProvincePcode,
			t.departedOn,
			t.status,
			t.passengers,
			t.receivedCount
		),
		index('manifests_response_status_idx').on(t.responseId, t.status, t.id),
		// A response's manifests in id order: the export's keyset pages (without it each page
		// sorted every manifest of the response again).
		index('manifests_response_id_idx').on(t.responseId, t.id)
	]
);
export type Manifest = typeof manifests.$inferSelect;

/** Personal data: names and phones are shown only to the owning organisation and coordinators. */
export const manifestPassengers = sqliteTable(
	'manifest_passengers',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		manifestId: integer()
			.notNull()
			.references(() => manifests.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		name: text().notNull(),
		sex: text({ enum: SEXES }).notNull(),
		age: integer().notNull(),
		destPcode: text(),
		phone: text(),
		flags: text({ mode: 'json' }).$type<PassengerFlag[]>().notNull(),
		/** Set by the arrival confirmation: false is "missing". */
		arrived: integer({ mode: 'boolean' })
	},
	(t) => [index('manifest_passengers_manifest_idx').on(t.manifestId, t.position)]
);
export type Passenger = typeof manifestPassengers.$inferSelect;

/** Secrets the app makes for itself once, e.g. the manifest QR signing key. */
export const returnSecrets = sqliteTable('return_secrets', {
	name: text().primaryKey(),
	value: text().notNull(),
	createdAt: createdAt()
});
