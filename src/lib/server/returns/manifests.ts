/**
 * Transport manifests: one vehicle's trip home. A manifest is loaded with a named list or a
 * headcount, then moves draft → boarding → departed → arrived (or cancelled); each move has
 * its time, and the receiving team confirms who arrived.
 */
import { randomBytes } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import {
	and,
	asc,
	count,
	desc,
	eq,
	gte,
	inArray,
	lte,
	max,
	sql,
	type Placeholder,
	type SQL
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { m } from '$lib/paraglide/messages.js';
import {
	emptyPeople,
	peopleColumns,
	peopleOf,
	totalPeople,
	type PeopleCount
} from '$lib/domain/people';
import {
	ageBand,
	canMove,
	isLoading,
	peopleOfPassengers,
	type Arrival,
	type ManifestData,
	type ManifestStatus,
	type NewManifest,
	type PassengerData,
	type StatusChange
} from '$lib/domain/returns';
import { pastInstantProblem, toCambodiaTime, todayInCambodia } from '$lib/domain/dates';
import { can, type Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { first, transaction } from '$lib/server/db/transaction';
import {
	auditLog,
	locations,
	manifestPassengers,
	manifests,
	organisations,
	type Manifest
} from '$lib/server/db/schema';
import { changedFields, recordAudit } from '$lib/server/audit';
import { fieldError, UserError } from '$lib/server/errors';
import { contentHash, once, type Outcome } from '$lib/server/once';
import { assertPcodes } from '$lib/server/places';
import { assertInResponse, assertReturnLocation } from './common';

const forbidden = () => new UserError(m.error_forbidden(), 'forbidden');
const notFound = () => new UserError(m.error_not_found(), 'not_found');

/** Short, unguessable, easy to read aloud over a radio: `RT-` and 8 base32 characters. */
function newManifestCode(): string {
	return `RT-${encodeBase32UpperCaseNoPadding(randomBytes(5))}`;
}

async function load(db: Db, id: number): Promise<Manifest> {
	const row = await first(db.select().from(manifests).where(eq(manifests.id, id)));
	if (!row) throw notFound();
	return row;
}

async function checkDetails(db: Db, v: ManifestData) {
	await assertInResponse(db, v.responseId, v.plannedDeparture, 'plannedDeparture');
	await assertReturnLocation(db, v.originLocationId, 'originLocationId');
	await assertPcodes(db, [
		{ field: 'destProvincePcode', pcode: v.destProvincePcode },
		{ field: 'destDistrictPcode', pcode: v.destDistrictPcode }
	]);
	if (v.operatorOrganisationId) {
		const org = await first(
			db
				.select({ id: organisations.id })
				.from(organisations)
				.where(eq(organisations.id, v.operatorOrganisationId))
		);
		if (!org) throw fieldError('operatorOrganisationId', m.error_not_found());
	}
}

function checkCapacity(capacity: number, load: number, field: string) {
	if (load > capacity) throw fieldError(field, m.ret_error_capacity({ load, capacity }));
}

function details(v: ManifestData) {
	return {
		responseId: v.responseId,
		originLocationId: v.originLocationId,
		vehicleKind: v.vehicleKind,
		plate: v.plate,
		capacity: v.capacity,
		driverName: v.driverName,
		driverPhone: v.driverPhone,
		operatorOrganisationId: v.operatorOrganisationId,
		destProvincePcode: v.destProvincePcode,
		destDistrictPcode: v.destDistrictPcode,
		plannedDeparture: v.plannedDeparture,
		mode: v.mode
	};
}

const loadColumns = (c: PeopleCount) => ({ ...peopleColumns(c), passengers: totalPeople(c) });

async function insertPassengers(db: Db, manifestId: number, list: PassengerData[], from = 0) {
	if (!list.length) return;
	await db
		.insert(manifestPassengers)
		.values(list.map((p, i) => ({ ...p, manifestId, position: from + i })));
}

/** Recomputes a named list's SADD and total from its passengers. */
async function refreshNamedLoad(db: Db, manifestId: number) {
	const list = await db
		.select({
			sex: manifestPassengers.sex,
			age: manifestPassengers.age,
			flags: manifestPassengers.flags
		})
		.from(manifestPassengers)
		.where(eq(manifestPassengers.manifestId, manifestId));
	const c = peopleOfPassengers(list);
	await db.update(manifests).set(loadColumns(c)).where(eq(manifests.id, manifestId));
	return c;
}

/**
 * Creates a manifest once: a second post of its id with the same content answers with the
 * stored manifest (`existing`), with other content it is refused (409).
 */
export async function createManifest(
	db: Db,
	actor: Actor,
	input: NewManifest,
	code = newManifestCode()
): Promise<{ outcome: Outcome; row: Manifest }> {
	if (!can(actor, 'manifest.create')) throw forbidden();
	const hash = contentHash(input);
	return transaction(db, (tx) =>
		once({
			find: () => first(tx.select().from(manifests).where(eq(manifests.clientId, input.id))),
			stamp: (row) => ({ hash: row.contentHash, by: row.createdBy }),
			hash,
			actor,
			create: () => insertManifest(tx, actor, input, hash, code)
		})
	);
}

async function insertManifest(
	tx: Db,
	actor: Actor,
	input: NewManifest,
	hash: string,
	code: string
): Promise<Manifest | undefined> {
	await checkDetails(tx, input);
	const people =
		input.mode === 'named'
			? peopleOfPassengers(input.passengers)
			: input.headcount
				? peopleOf(input.headcount)
				: emptyPeople();
	if (input.mode === 'headcount' && input.passengers.length)
		throw fieldError('passengers', m.ret_error_mode_passengers());
	await assertPcodes(
		tx,
		input.passengers.map((p, i) => ({ field: `passengers.${i}.destPcode`, pcode: p.destPcode }))
	);
	checkCapacity(
		input.capacity,
		totalPeople(people),
		input.mode === 'named' ? 'passengers' : 'headcount'
	);
	const [row] = await tx
		.insert(manifests)
		.values({
			...details(input),
			clientId: input.id,
			contentHash: hash,
			code,
			...loadColumns(people),
			organisationId: actor.organisationId,
			createdBy: actor.id
		})
		.onConflictDoNothing({ target: manifests.clientId })
		.returning();
	if (!row) return undefined;
	await insertPassengers(tx, row.id, input.passengers);
	await recordAudit(tx, {
		userId: actor.id,
		action: 'create',
		entity: 'manifest',
		entityId: row.id,
		responseId: row.responseId,
		after: { ...details(input), code, passengers: row.passengers }
	});
	return row;
}

/** Writes `set` on the manifest `before` and records what changed in the audit log. */
async function saveChanges(
	tx: Db,
	actor: Actor,
	before: Manifest,
	set: Partial<Manifest>
): Promise<Manifest> {
	const [after] = await tx
		.update(manifests)
		.set(set)
		.where(eq(manifests.id, before.id))
		.returning();
	await recordAudit(tx, {
		userId: actor.id,
		action: 'update',
		entity: 'manifest',
		entityId: before.id,
		responseId: before.responseId,
		...changedFields(before, set)
	});
	return after;
}

/** Records a change to a named list: the passenger count before and after, and what changed. */
async function auditPassengers(
	tx: Db,
	actor: Actor,
	row: Manifest,
	passengers: number,
	detail: Record<string, number>
) {
	await recordAudit(tx, {
		userId: actor.id,
		action: 'update',
		entity: 'manifest',
		entityId: row.id,
		responseId: row.responseId,
		before: { passengers: row.passengers },
		after: { passengers },
		detail
	});
}

/** The manifest, when the actor may edit it and it is still being loaded. */
async function loadForLoading(tx: Db, actor: Actor, id: number): Promise<Manifest> {
	const row = await load(tx, id);
	assertEditable(actor, row);
	if (!isLoading(row.status)) throw fieldError('status', m.ret_error_not_loading());
	return row;
}

function assertEditable(actor: Actor, row: Manifest) {
	if (!can(actor, 'manifest.update', row)) throw forbidden();
	if (row.status === 'cancelled') throw fieldError('status', m.ret_error_cancelled());
}

/**
 * Vehicle, driver, destination, departure and, for a headcount manifest, the headcount:
 * editable until the vehicle leaves.
 */
export async function updateManifest(
	db: Db,
	actor: Actor,
	id: number,
	input: ManifestData,
	headcount?: PeopleCount
) {
	return transaction(db, async (tx) => {
		const before = await loadForLoading(tx, actor, id);
		if (input.responseId !== before.responseId) throw notFound();
		if (input.mode !== before.mode) throw fieldError('mode', m.ret_error_mode_fixed());
		if (headcount && before.mode !== 'headcount')
			throw fieldError('mode', m.ret_error_mode_fixed());
		await checkDetails(tx, input);
		const set = { ...details(input), ...(headcount ? loadColumns(headcount) : {}) };
		checkCapacity(
			input.capacity,
			set.passengers ?? before.passengers,
			headcount ? 'f_18_59' : 'capacity'
		);
		return saveChanges(tx, actor, before, set);
	});
}

/** Adds passengers at the end of a named list. */
export async function addPassengers(db: Db, actor: Actor, id: number, list: PassengerData[]) {
	return transaction(db, async (tx) => {
		const row = await loadForLoading(tx, actor, id);
		if (row.mode !== 'named') throw fieldError('mode', m.ret_error_mode_passengers());
		checkCapacity(row.capacity, row.passengers + list.length, 'name');
		await assertPcodes(
			tx,
			list.map((p) => ({ field: 'destPcode', pcode: p.destPcode }))
		);
		const [{ last }] = await tx
			.select({ last: max(manifestPassengers.position) })
			.from(manifestPassengers)
			.where(eq(manifestPassengers.manifestId, id));
		await insertPassengers(tx, id, list, (last ?? -1) + 1);
		const c = await refreshNamedLoad(tx, id);
		await auditPassengers(tx, actor, row, totalPeople(c), { added: list.length });
		return totalPeople(c);
	});
}

export async function removePassenger(db: Db, actor: Actor, id: number, passengerId: number) {
	return transaction(db, async (tx) => {
		const row = await loadForLoading(tx, actor, id);
		const [gone] = await tx
			.delete(manifestPassengers)
			.where(and(eq(manifestPassengers.manifestId, id), eq(manifestPassengers.id, passengerId)))
			.returning({ id: manifestPassengers.id });
		if (!gone) throw notFound();
		const c = await refreshNamedLoad(tx, id);
		await auditPassengers(tx, actor, row, totalPeople(c), { removedPassenger: passengerId });
	});
}

const TIME_COLUMN = {
	boarding: 'boardingAt',
	departed: 'departedAt',
	arrived: 'arrivedAt',
	cancelled: 'cancelledAt'
} as const;

/** The time of a move: not in the future, not outside the response, not before the last move. */
async function moveTime(db: Db, row: Manifest, at: Date | undefined, now: Date): Promise<Date> {
	const when = at ?? now;
	const problem = pastInstantProblem(when, now);
	if (problem) throw fieldError('at', problem);
	await assertInResponse(db, row.responseId, when, 'at');
	const previous = [row.arrivedAt, row.departedAt, row.boardingAt].find((d) => d);
	if (previous && when < previous) {
		const shown = toCambodiaTime(previous).replace('T', ' ');
		throw fieldError('at', m.ret_error_before_previous({ when: shown }));
	}
	return when;
}

/**
 * Moves a manifest on. Arrival goes through `confirmArrival`, which also says who is missing;
 * a cancelled or arrived manifest never changes again.
 */
export async function changeStatus(
	db: Db,
	actor: Actor,
	id: number,
	change: StatusChange,
	now = new Date()
) {
	if (change.status === 'arrived')
		return confirmArrival(
			db,
			actor,
			id,
			{ at: change.at, missingIds: [], missingSeats: [], missingNote: null },
			now
		);
	return transaction(db, async (tx) => {
		const row = await load(tx, id);
		assertEditable(actor, row);
		move(row.status, change.status);
		if (change.status === 'departed' && row.passengers === 0)
			throw fieldError('status', m.ret_error_empty());
		const when = await moveTime(tx, row, change.at, now);
		const set: Partial<Manifest> = {
			status: change.status,
			[TIME_COLUMN[change.status as 'boarding']]: when
		};
		if (change.status === 'departed') set.departedOn = todayInCambodia(when);
		return saveChanges(tx, actor, row, set);
	});
}

function move(from: ManifestStatus, to: ManifestStatus) {
	if (from === 'cancelled') throw fieldError('status', m.ret_error_cancelled());
	if (!canMove(from, to)) throw fieldError('status', m.ret_error_transition({ from, to }));
}

/**
 * The receiving team's confirmation: the manifest arrives, and the passengers not named as
 * missing (or the received headcount) are counted home. On a named list every passenger's
 * "arrived" is set, so the owner sees who is missing: a team that sees the names marks them, a
 * team of another organisation marks the empty seats (it never sees the names).
 */
export async function confirmArrival(
	db: Db,
	actor: Actor,
	id: number,
	input: Arrival,
	now = new Date()
) {
	if (!can(actor, 'manifest.receive')) throw forbidden();
	return transaction(db, async (tx) => {
		const row = await load(tx, id);
		move(row.status, 'arrived');
		const when = await moveTime(tx, row, input.at, now);
		const received =
			row.mode === 'named'
				? await markPassengers(tx, actor, row, input)
				: receivedHeadcount(row, input);
		const set = {
			status: 'arrived' as const,
			arrivedAt: when,
			receivedCount: received,
			missingNote: input.missingNote
		};
		return saveChanges(tx, actor, row, set);
	});
}

function receivedHeadcount(row: Manifest, input: Arrival): number {
	const received = input.receivedCount ?? row.passengers;
	if (received > row.passengers)
		throw fieldError(
			'receivedCount',
			m.error_part_exceeds_total({ part: received, total: row.passengers })
		);
	return received;
}

/** Sets each passenger's "arrived" from the missing names or seats; returns how many arrived. */
async function markPassengers(
	tx: Db,
	actor: Actor,
	row: Manifest,
	input: Arrival
): Promise<number> {
	const list = await tx
		.select({ id: manifestPassengers.id, position: manifestPassengers.position })
		.from(manifestPassengers)
		.where(eq(manifestPassengers.manifestId, row.id));
	const ids = new Set(list.map((p) => p.id));
	const bySeat = new Map(list.map((p) => [p.position + 1, p.id]));
	if (input.missingIds.length && !can(actor, 'manifest.names', row)) throw forbidden();
	if (input.missingIds.some((p) => !ids.has(p))) throw fieldError('missingIds', m.error_invalid());
	const badSeat = input.missingSeats.find((seat) => !bySeat.has(seat));
	if (badSeat !== undefined)
		throw fieldError('missingSeats', m.ret_error_seat_unknown({ seat: badSeat }));
	const missing = new Set([
		...input.missingIds,
		...input.missingSeats.map((seat) => bySeat.get(seat) as number)
	]);
	const received = list.length - missing.size;
	// A bare count cannot say who is missing; the owner must be able to tell.
	if (input.receivedCount !== undefined && input.receivedCount !== received) {
		throw fieldError(
			'receivedCount',
			m.ret_error_mark_seats({ missing: list.length - input.receivedCount })
		);
	}
	await tx
		.update(manifestPassengers)
		.set({ arrived: true })
		.where(eq(manifestPassengers.manifestId, row.id));
	if (missing.size) {
		await tx
			.update(manifestPassengers)
			.set({ arrived: false })
			.where(inArray(manifestPassengers.id, [...missing]));
	}
	return received;
}

const dispatchers = alias(organisations, 'dispatchers');

/**
 * The manifest with its origin and its passengers. Passenger names and the driver's name and
 * phone are personal data: only for those allowed, and their viewing is logged. Everyone else
 * gets the dispatching organisation's contact instead of the driver's.
 */
/**
 * A person working on one manifest reloads it after every step (each passenger added, each
 * status): looking again within this time is the same viewing and keeps its one audit entry.
 */
export const VIEWING_MINUTES = 30;

/** Whether this person's viewing of the manifest's names is already in the log. */
async function viewedLately(db: Db, actor: Actor, id: number, now: Date) {
	const since = new Date(now.getTime() - VIEWING_MINUTES * 60_000);
	const seen = await first(
		db
			.select({ id: auditLog.id })
			.from(auditLog)
			.where(
				and(
					eq(auditLog.entity, 'manifest'),
					eq(auditLog.entityId, String(id)),
					eq(auditLog.userId, actor.id),
					eq(auditLog.action, 'view_names'),
					gte(auditLog.at, since)
				)
			)
	);
	return !!seen;
}

export async function getManifest(db: Db, actor: Actor, id: number, now = new Date()) {
	const row = await first(
		db
			.select({
				manifest: manifests,
				originEn: locations.nameEn,
				originKm: locations.nameKm,
				operator: organisations.acronym,
				dispatcher: {
					acronym: dispatchers.acronym,
					name: dispatchers.name,
					contactPhone: dispatchers.contactPhone,
					contactEmail: dispatchers.contactEmail
				}
			})
			.from(manifests)
			.innerJoin(locations, eq(locations.id, manifests.originLocationId))
			.innerJoin(dispatchers, eq(dispatchers.id, manifests.organisationId))
			.leftJoin(organisations, eq(organisations.id, manifests.operatorOrganisationId))
			.where(eq(manifests.id, id))
	);
	if (!row) return undefined;
	const names = can(actor, 'manifest.names', row.manifest);
	const passengers = names ? await passengersOf(db, id) : [];
	// Without the names: each seat's sex and age band, for a receiving team to mark empty seats.
	const seats =
		!names && row.manifest.mode === 'named'
			? (await passengersOf(db, id)).map((p) => ({
					seat: p.seat,
					sex: p.sex,
					ageBand: ageBand(p.age),
					arrived: p.arrived
				}))
			: [];
	const { driverName, driverPhone } = row.manifest;
	if (names && (passengers.length || driverName || driverPhone)) {
		// Looked and logged together, so two loads at once make one entry of the viewing.
		await transaction(db, async (tx) => {
			if (await viewedLately(tx, actor, id, now)) return;
			await recordAudit(tx, {
				userId: actor.id,
				action: 'view_names',
				entity: 'manifest',
				entityId: id,
				responseId: row.manifest.responseId,
				detail: { passengers: passengers.length, driver: !!(driverName || driverPhone) }
			});
		});
	}
	const { contentHash: _hash, ...manifest } = row.manifest;
	return {
		...manifest,
		driverName: names ? driverName : null,
		driverPhone: names ? driverPhone : null,
		originEn: row.originEn,
		originKm: row.originKm,
		operator: row.operator,
		dispatcher: row.dispatcher,
		names,
		passengerList: passengers,
		seats
	};
}
export type ManifestDetail = NonNullable<Awaited<ReturnType<typeof getManifest>>>;

async function passengersOf(db: Db, id: number) {
	return db
		.select({
			id: manifestPassengers.id,
			seat: sql<number>`${manifestPassengers.position} + 1`,
			name: manifestPassengers.name,
			sex: manifestPassengers.sex,
			age: manifestPassengers.age,
			destPcode: manifestPassengers.destPcode,
			phone: manifestPassengers.phone,
			flags: manifestPassengers.flags,
			arrived: manifestPassengers.arrived
		})
		.from(manifestPassengers)
		.where(eq(manifestPassengers.manifestId, id))
		.orderBy(asc(manifestPassengers.position));
}

export async function findManifest(db: Db, id: number) {
	return first(db.select().from(manifests).where(eq(manifests.id, id)));
}

export async function findManifestByCode(db: Db, code: string) {
	return first(db.select().from(manifests).where(eq(manifests.code, code)));
}

export interface ManifestFilter {
	status?: ManifestStatus;
	/** The destination province. */
	pcode?: string;
	departedOn?: string;
	/** A period of departure days, as the export takes it. */
	from?: string;
	to?: string;
}

/** A filter's values, or placeholders for them in a query built once (`prepared`). */
export type BoundManifestFilter = { [K in keyof ManifestFilter]?: ManifestFilter[K] | Placeholder };

/** A response's manifests that a list or an export filter keeps. */
export function manifestConditions(
	responseId: number | Placeholder,
	f: BoundManifestFilter
): SQL | undefined {
	return and(
		eq(manifests.responseId, responseId),
		f.status ? eq(manifests.status, f.status) : undefined,
		f.pcode ? eq(manifests.destProvincePcode, f.pcode) : undefined,
		f.departedOn ? eq(manifests.departedOn, f.departedOn) : undefined,
		f.from ? gte(manifests.departedOn, f.from) : undefined,
		f.to ? lte(manifests.departedOn, f.to) : undefined
	);
}

export async function listManifests(
	db: Db,
	responseId: number,
	f: ManifestFilter = {},
	page = { limit: 50, offset: 0 }
) {
	const where = manifestConditions(responseId, f);
	const rows = await db
		.select({
			id: manifests.id,
			code: manifests.code,
			status: manifests.status,
			mode: manifests.mode,
			vehicleKind: manifests.vehicleKind,
			plate: manifests.plate,
			capacity: manifests.capacity,
			passengers: manifests.passengers,
			receivedCount: manifests.receivedCount,
			destProvincePcode: manifests.destProvincePcode,
			destDistrictPcode: manifests.destDistrictPcode,
			plannedDeparture: manifests.plannedDeparture,
			departedOn: manifests.departedOn,
			originEn: locations.nameEn,
			originKm: locations.nameKm
		})
		.from(manifests)
		.innerJoin(locations, eq(locations.id, manifests.originLocationId))
		.where(where)
		.orderBy(desc(manifests.id))
		.limit(page.limit)
		.offset(page.offset);
	const [{ total }] = await db.select({ total: count() }).from(manifests).where(where);
	return { rows, total };
}

/** Organisations that may run vehicles, for the operator choice. */
export async function listOperators(db: Db) {
	return db
		.select({ id: organisations.id, acronym: organisations.acronym })
		.from(organisations)
		.orderBy(asc(organisations.acronym));
}
