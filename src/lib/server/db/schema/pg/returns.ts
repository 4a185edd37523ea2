import {
	boolean,
	index,
	integer,
	json,
	pgTable,
	primaryKey,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import {
	MANIFEST_MODES,
	MANIFEST_STATUSES,
	SHIFTS,
	VEHICLE_KINDS,
	type PassengerFlag
} from '$lib/domain/returns';
import { SEXES } from '$lib/domain/people';
import { clientIdColumns, createdAt, moment, peopleCountColumns, updatedAt } from './columns';
import { organisations, users } from './auth';
import { locations } from './places';
import { responses } from './responses';

const n = () => integer().notNull().default(0);

export const arrivalTallies = pgTable(
	'arrival_tallies',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
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

export const tallyDestinations = pgTable(
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

export const arrivalDayDestinations = pgTable(
	'arrival_day_destinations',
	{
		responseId: integer().notNull(),
		provincePcode: text().notNull(),
		arrivedOn: text().notNull(),
		persons: integer().notNull()
	},
	(t) => [primaryKey({ columns: [t.responseId, t.provincePcode, t.arrivedOn] })]
);

export const manifests = pgTable(
	'manifests',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
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
		plannedDeparture: moment().notNull(),
		mode: text({ enum: MANIFEST_MODES }).notNull(),
		status: text({ enum: MANIFEST_STATUSES }).notNull().default('draft'),
		boardingAt: moment(),
		departedAt: moment(),
		departedOn: text(),
		arrivedAt: moment(),
		cancelledAt: moment(),
		...peopleCountColumns(),
		passengers: n(),
		receivedCount: integer(),
		missingNote: text(),
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

export const manifestPassengers = pgTable(
	'manifest_passengers',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		manifestId: integer()
			.notNull()
			.references(() => manifests.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		name: text().notNull(),
		sex: text({ enum: SEXES }).notNull(),
		age: integer().notNull(),
		destPcode: text(),
		phone: text(),
		flags: json().$type<PassengerFlag[]>().notNull(),
		arrived: boolean()
	},
	(t) => [index('manifest_passengers_manifest_idx').on(t.manifestId, t.position)]
);
export type Passenger = typeof manifestPassengers.$inferSelect;

export const returnSecrets = pgTable('return_secrets', {
	name: text().primaryKey(),
	value: text().notNull(),
	createdAt: createdAt()
});
