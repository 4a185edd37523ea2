/**
 * The mass return's exportable lists: arrival tallies (of one kind of place: the people who
 * crossed at border crossing points, or those counted again at transit centres) with their
 * destination lines, manifests, and passengers (personal data, only of manifests whose names the
 * actor may see). Rows are read in keyset pages; times are written in Cambodia's time.
 */
import { and, asc, eq, gt, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { pickPeople } from '$lib/domain/people';
import { MANIFEST_STATUSES, RETURN_LOCATION_KINDS } from '$lib/domain/returns';
import { can } from '$lib/domain/policy';
import { isoDate, pcode } from '$lib/domain/validation';
import type { Db } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/sessions';
import {
	arrivalTallies,
	locations,
	manifestPassengers,
	manifests,
	organisations,
	tallyDestinations
} from '$lib/server/db/schema';
import { PROVINCES } from '$lib/server/places/provinces';
import { peopleColumns, type Dataset, type ExportColumn } from '$lib/server/exports/dataset';
import { preparedArrays } from '$lib/server/db/raw';
import { prepared } from '$lib/server/db/statements';
import { manifestConditions, type BoundManifestFilter } from './manifests';
import { keysetPages } from '$lib/server/exports/keyset';

/** Pages by increasing id with the exports' keyset reader: constant memory however long. */
const byId = <Row extends { id: number }>(page: (after: number, limit: number) => Promise<Row[]>) =>
	keysetPages(
		(after: number | null, limit) => page(after ?? 0, limit),
		(r) => r.id
	);

const responseFilters = z.object({
	responseId: z.coerce.number().int().positive(),
	from: isoDate.optional(),
	to: isoDate.optional()
});

// Arrivals -------------------------------------------------------------------------------

const arrivalFilters = responseFilters.extend({
	/**
	 * Which count: people who crossed (border crossing points, the default) or people counted
	 * again at transit and reception centres. Never both in one file, so its rows add up.
	 */
	kind: z.enum(RETURN_LOCATION_KINDS).default('border_crossing'),
	/** One crossing point or centre, as on the arrival counts page. */
	locationId: z.coerce.number().int().positive().optional()
});
type ArrivalFilters = z.output<typeof arrivalFilters>;

async function arrivalPage(db: Db, f: ArrivalFilters, after: number, limit: number) {
	const rows = await db
		.select({
			id: arrivalTallies.id,
			responseId: arrivalTallies.responseId,
			arrivedOn: arrivalTallies.arrivedOn,
			shift: arrivalTallies.shift,
			locationKind: locations.kind,
			locationEn: locations.nameEn,
			locationKm: locations.nameKm,
			locationPcode: locations.pcode,
			lon: locations.lon,
			lat: locations.lat,
			...pickPeople(arrivalTallies),
			persons: arrivalTallies.persons,
			unaccompaniedChildren: arrivalTallies.unaccompaniedChildren,
			pregnantLactating: arrivalTallies.pregnantLactating,
			healthReferrals: arrivalTallies.healthReferrals,
			traffickingReferrals: arrivalTallies.traffickingReferrals,
			organisation: organisations.acronym
		})
		.from(arrivalTallies)
		.innerJoin(locations, eq(locations.id, arrivalTallies.locationId))
		.innerJoin(organisations, eq(organisations.id, arrivalTallies.organisationId))
		.where(
			and(
				eq(arrivalTallies.responseId, f.responseId),
				f.from ? gte(arrivalTallies.arrivedOn, f.from) : undefined,
				f.to ? lte(arrivalTallies.arrivedOn, f.to) : undefined,
				eq(locations.kind, f.kind),
				f.locationId ? eq(arrivalTallies.locationId, f.locationId) : undefined,
				gt(arrivalTallies.id, after)
			)
		)
		.orderBy(asc(arrivalTallies.id))
		.limit(limit);
	// The page's destination lines, one query for the page.
	const lines = rows.length
		? await db
				.select({
					tallyId: tallyDestinations.tallyId,
					pcode: tallyDestinations.provincePcode,
					persons: tallyDestinations.persons
				})
				.from(tallyDestinations)
				.where(
					inArray(
						tallyDestinations.tallyId,
						rows.map((r) => r.id)
					)
				)
		: [];
	const byTally = new Map<number, Map<string, number>>();
	for (const l of lines) {
		const m = byTally.get(l.tallyId) ?? new Map<string, number>();
		m.set(l.pcode, l.persons);
		byTally.set(l.tallyId, m);
	}
	return rows.map((r) => {
		const destinations = byTally.get(r.id) ?? new Map<string, number>();
		const recorded = [...destinations.values()].reduce((a, b) => a + b, 0);
		return { ...r, destinations, notRecorded: r.persons - recorded };
	});
}
type ArrivalRow = Awaited<ReturnType<typeof arrivalPage>>[number];

/**
 * One column per province with the people going there, then those with no destination
 * recorded: the columns of a row add up to its persons, and each column's sum is the
 * reconciliation's "crossed" for that province.
 */
const destinationColumns: ExportColumn<ArrivalRow>[] = [
	...PROVINCES.map((p) => ({
		header: `Destination ${p.nameEn} (${p.pcode})`,
		hxl: `#affected+returnees+ind+dest+${p.pcode.toLowerCase()}`,
		value: (r: ArrivalRow) => r.destinations.get(p.pcode) ?? 0
	})),
	{
		header: 'Destination not recorded',
		hxl: '#affected+returnees+ind+dest+unknown',
		value: (r) => r.notRecorded
	}
];

const arrivals: Dataset<ArrivalRow, ArrivalFilters> = {
	name: 'arrivals',
	action: 'return.read',
	filters: arrivalFilters,
	columns: () => [
		{ header: 'Tally ID', hxl: '#meta+id', value: (r) => r.id },
		{ header: 'Response ID', hxl: '#crisis+id', value: (r) => r.responseId },
		{ header: 'Arrived on', hxl: '#date+occurred', value: (r) => r.arrivedOn, type: 'day' },
		{ header: 'Shift', hxl: '#meta+shift', value: (r) => r.shift },
		{ header: 'Kind of count', hxl: '#loc+type', value: (r) => r.locationKind },
		{ header: 'Crossing point', hxl: '#loc+name+i_en', value: (r) => r.locationEn },
		{ header: 'Crossing point (Khmer)', hxl: '#loc+name+i_km', value: (r) => r.locationKm },
		{ header: 'Crossing point P-code', hxl: '#loc+code', value: (r) => r.locationPcode },
		{ header: 'Latitude', hxl: '#geo+lat', value: (r) => r.lat },
		{ header: 'Longitude', hxl: '#geo+lon', value: (r) => r.lon },
		{ header: 'Arrived persons', hxl: '#affected+returnees+ind', value: (r) => r.persons },
		...peopleColumns('Arrived', '#affected+returnees+ind', (r: ArrivalRow, f) => r[f]),
		{
			header: 'Arrived unaccompanied children',
			hxl: '#affected+returnees+ind+children+unaccompanied',
			value: (r) => r.unaccompaniedChildren
		},
		{
			header: 'Arrived pregnant or lactating women',
			hxl: '#affected+returnees+ind+f+pregnant_lactating',
			value: (r) => r.pregnantLactating
		},
		{
			header: 'Referred for health care',
			hxl: '#reached+returnees+ind+referred+health',
			value: (r) => r.healthReferrals
		},
		{
			header: 'Referred for suspected trafficking',
			hxl: '#reached+returnees+ind+referred+trafficking',
			value: (r) => r.traffickingReferrals
		},
		...destinationColumns,
		{ header: 'Organisation', hxl: '#org+acronym', value: (r) => r.organisation }
	],
	rows: (db, _actor, f) => byId((after, limit) => arrivalPage(db, f, after, limit)),
	point: (r) => [r.lon, r.lat]
};

// Manifests ------------------------------------------------------------------------------

const manifestFilters = responseFilters.extend({
	status: z.enum(MANIFEST_STATUSES).optional(),
	/** The destination province, as on the manifests page. */
	pcode: pcode.optional()
});
type ManifestFilters = z.output<typeof manifestFilters>;

/** A manifest's line in the export: what is selected, in this order. */
const manifestSelection = {
	id: manifests.id,
	responseId: manifests.responseId,
	code: manifests.code,
	status: manifests.status,
	mode: manifests.mode,
	originEn: locations.nameEn,
	lon: locations.lon,
	lat: locations.lat,
	vehicleKind: manifests.vehicleKind,
	plate: manifests.plate,
	capacity: manifests.capacity,
	destProvincePcode: manifests.destProvincePcode,
	destDistrictPcode: manifests.destDistrictPcode,
	plannedDeparture: manifests.plannedDeparture,
	departedAt: manifests.departedAt,
	departedOn: manifests.departedOn,
	arrivedAt: manifests.arrivedAt,
	...pickPeople(manifests),
	passengers: manifests.passengers,
	receivedCount: manifests.receivedCount,
	organisation: organisations.acronym
};

function manifestQuery(db: Db, f: BoundManifestFilter) {
	return db
		.select(manifestSelection)
		.from(manifests)
		.innerJoin(locations, eq(locations.id, manifests.originLocationId))
		.innerJoin(organisations, eq(organisations.id, manifests.organisationId))
		.where(
			and(
				manifestConditions(sql.placeholder('responseId'), f),
				gt(manifests.id, sql.placeholder('after'))
			)
		)
		.orderBy(asc(manifests.id))
		.limit(sql.placeholder('limit'))
		.prepare();
}
type ManifestRow = Awaited<ReturnType<ReturnType<typeof manifestQuery>['execute']>>[number];

const MANIFEST_KEYS = Object.keys(manifestSelection) as (keyof ManifestRow)[];
/**
 * The moments: SQLite hands over the stored milliseconds, PostgreSQL the Date its column maps
 * (`preparedArrays`); `new Date` takes either.
 */
const MANIFEST_INSTANTS = new Set<string>(['plannedDeparture', 'departedAt', 'arrivedAt']);

/** A row of values in the selection's order as the row Drizzle would map, without its per-cell checks. */
function manifestRow(values: unknown[]): ManifestRow {
	const row: Record<string, unknown> = {};
	for (let i = 0; i < MANIFEST_KEYS.length; i++) {
		const v = values[i];
		row[MANIFEST_KEYS[i]] =
			v !== null && MANIFEST_INSTANTS.has(MANIFEST_KEYS[i]) ? new Date(v as number | Date) : v;
	}
	return row as ManifestRow;
}

/** The export's filters a manifest query may have; which are set names the query built for them. */
const MANIFEST_FILTERS = ['status', 'pcode', 'from', 'to'] as const;

/**
 * A page of manifests after `after`: the query is built once per set of filters given, with
 * placeholders (`prepared`), not once per page, and read as arrays of values (`preparedArrays`),
 * not through Drizzle's mapping of every cell; every page still reads the table.
 */
async function manifestPage(
	db: Db,
	f: ManifestFilters,
	after: number,
	limit: number
): Promise<ManifestRow[]> {
	const given = MANIFEST_FILTERS.filter((k) => f[k] !== undefined);
	const rows = prepared(db, `returns.export.manifests.${given.join('-')}`, (d) =>
		preparedArrays(
			manifestQuery(
				d,
				Object.fromEntries(given.map((k) => [k, sql.placeholder(k)])) as BoundManifestFilter
			)
		)
	);
	return (await rows({ ...f, after, limit })).map(manifestRow);
}

const manifestsDataset: Dataset<ManifestRow, ManifestFilters> = {
	name: 'manifests',
	action: 'return.read',
	filters: manifestFilters,
	columns: () => [
		{ header: 'Manifest code', hxl: '#meta+code', value: (r) => r.code },
		{ header: 'Response ID', hxl: '#crisis+id', value: (r) => r.responseId },
		{ header: 'Status', hxl: '#status', value: (r) => r.status },
		{ header: 'Mode', hxl: '#meta+mode', value: (r) => r.mode },
		{ header: 'Origin', hxl: '#loc+name+i_en+origin', value: (r) => r.originEn },
		{ header: 'Origin latitude', hxl: '#geo+lat+origin', value: (r) => r.lat },
		{ header: 'Origin longitude', hxl: '#geo+lon+origin', value: (r) => r.lon },
		{ header: 'Vehicle', hxl: '#meta+vehicle+type', value: (r) => r.vehicleKind },
		{ header: 'Number plate', hxl: '#meta+vehicle+plate', value: (r) => r.plate },
		{ header: 'Capacity (persons)', hxl: '#capacity+num', value: (r) => r.capacity },
		{
			header: 'Destination province P-code',
			hxl: '#adm1+code+dest',
			value: (r) => r.destProvincePcode
		},
		{
			header: 'Destination district P-code',
			hxl: '#adm2+code+dest',
			value: (r) => r.destDistrictPcode
		},
		{
			header: 'Planned departure',
			hxl: '#date+start+planned',
			value: (r) => r.plannedDeparture
		},
		{ header: 'Departed at', hxl: '#date+start', value: (r) => r.departedAt },
		{ header: 'Departed on', hxl: '#date+start+day', value: (r) => r.departedOn, type: 'day' },
		{ header: 'Arrived at', hxl: '#date+end', value: (r) => r.arrivedAt },
		{
			header: 'Dispatched persons',
			hxl: '#reached+returnees+ind+dispatched',
			value: (r) => r.passengers
		},
		...peopleColumns(
			'Dispatched',
			'#reached+returnees+ind+dispatched',
			(r: ManifestRow, f) => r[f]
		),
		{
			header: 'Received persons',
			hxl: '#reached+returnees+ind+arrived',
			value: (r) => r.receivedCount
		},
		{ header: 'Organisation', hxl: '#org+acronym', value: (r) => r.organisation }
	],
	rows: (db, _actor, f) => byId((after, limit) => manifestPage(db, f, after, limit)),
	point: (r) => [r.lon, r.lat]
};

// Passengers (personal data) -------------------------------------------------------------

/** Coordinators see every manifest's names; partner and field users their organisation's. */
const seesNames = (actor: SessionUser) =>
	can(actor, 'manifest.names', { organisationId: actor.organisationId });
const seesAllNames = (actor: SessionUser) => can(actor, 'manifest.names', { organisationId: null });

async function passengerPage(
	db: Db,
	actor: SessionUser,
	f: ManifestFilters,
	after: number,
	limit: number
) {
	const scope: SQL | undefined = seesAllNames(actor)
		? undefined
		: eq(manifests.organisationId, actor.organisationId);
	return db
		.select({
			id: manifestPassengers.id,
			code: manifests.code,
			status: manifests.status,
			destProvincePcode: manifests.destProvincePcode,
			position: manifestPassengers.position,
			name: manifestPassengers.name,
			sex: manifestPassengers.sex,
			age: manifestPassengers.age,
			destPcode: manifestPassengers.destPcode,
			phone: manifestPassengers.phone,
			flags: manifestPassengers.flags,
			arrived: manifestPassengers.arrived
		})
		.from(manifestPassengers)
		.innerJoin(manifests, eq(manifests.id, manifestPassengers.manifestId))
		.where(
			and(
				// The manifests page's filters: the passengers of the manifests it lists.
				manifestConditions(f.responseId, f),
				inArray(manifests.mode, ['named']),
				scope,
				gt(manifestPassengers.id, after)
			)
		)
		.orderBy(asc(manifestPassengers.id))
		.limit(limit);
}
type PassengerRow = Awaited<ReturnType<typeof passengerPage>>[number];

const passengers: Dataset<PassengerRow, ManifestFilters> = {
	name: 'passengers',
	action: 'return.read',
	filters: manifestFilters,
	columns: (actor) => [
		{ header: 'Manifest code', hxl: '#meta+code', value: (r) => r.code },
		{ header: 'Manifest status', hxl: '#status', value: (r) => r.status },
		{ header: 'Seat', hxl: '#meta+seq', value: (r) => r.position + 1 },
		...(seesNames(actor)
			? [
					{ header: 'Name', hxl: '#beneficiary+name', value: (r: PassengerRow) => r.name },
					{ header: 'Phone', hxl: '#contact+phone', value: (r: PassengerRow) => r.phone }
				]
			: []),
		{ header: 'Sex', hxl: '#beneficiary+sex', value: (r) => r.sex },
		{ header: 'Age', hxl: '#beneficiary+age', value: (r) => r.age },
		{
			header: 'Destination province P-code',
			hxl: '#adm1+code+dest',
			value: (r) => r.destProvincePcode
		},
		{ header: 'Destination P-code', hxl: '#loc+code+dest', value: (r) => r.destPcode },
		{
			header: 'Vulnerabilities',
			hxl: '#beneficiary+vulnerable+list',
			value: (r) => r.flags.join(' ')
		},
		{ header: 'Arrived', hxl: '#status+arrived', value: (r) => r.arrived }
	],
	personal: seesNames,
	// Without the right to see names, no rows: the same reader, with nothing to read.
	rows: (db, actor, f) =>
		byId(async (after, limit) =>
			seesNames(actor) ? passengerPage(db, actor, f, after, limit) : []
		)
};

export const returnsDatasets = [arrivals, manifestsDataset, passengers] as const;
