/** Arrival tallies at crossing points: record, correct, list, one shift at a time. */
import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { peopleColumns, peopleOf, totalPeople } from '$lib/domain/people';
import type { Tally } from '$lib/domain/returns';
import { can, type Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import {
	arrivalDayDestinations,
	arrivalTallies,
	locations,
	tallyDestinations,
	type ArrivalTally
} from '$lib/server/db/schema';
import { changedFields, recordAudit } from '$lib/server/audit';
import { UserError } from '$lib/server/errors';
import { assertInResponse, assertPcodes, assertReturnLocation } from './common';

function check(db: Db, input: Tally) {
	assertInResponse(db, input.responseId, input.arrivedOn, 'arrivedOn');
	assertReturnLocation(db, input.locationId, 'locationId');
	assertPcodes(
		db,
		input.destinations.map((d, i) => ({ field: `destinations.${i}.pcode`, pcode: d.pcode }))
	);
}

function values(input: Tally) {
	const people = peopleOf(input);
	return {
		responseId: input.responseId,
		locationId: input.locationId,
		arrivedOn: input.arrivedOn,
		shift: input.shift,
		...peopleColumns(people),
		persons: totalPeople(people),
		unaccompaniedChildren: input.unaccompaniedChildren,
		pregnantLactating: input.pregnantLactating,
		healthReferrals: input.healthReferrals,
		traffickingReferrals: input.traffickingReferrals,
		notes: input.notes
	};
}

/** Adds (or with a negative sign, takes away) lines from the per-day summary. */
export function addToDaySummary(
	db: Db,
	responseId: number,
	arrivedOn: string,
	lines: { pcode: string; persons: number }[],
	sign: 1 | -1 = 1
) {
	if (!lines.length) return;
	db.insert(arrivalDayDestinations)
		.values(
			lines.map((l) => ({
				responseId,
				arrivedOn,
				provincePcode: l.pcode,
				persons: sign * l.persons
			}))
		)
		.onConflictDoUpdate({
			target: [
				arrivalDayDestinations.responseId,
				arrivalDayDestinations.provincePcode,
				arrivalDayDestinations.arrivedOn
			],
			set: { persons: sql`${arrivalDayDestinations.persons} + excluded.persons` }
		})
		.run();
}

function writeDestinations(db: Db, tally: ArrivalTally, input: Tally) {
	const old = db
		.delete(tallyDestinations)
		.where(eq(tallyDestinations.tallyId, tally.id))
		.returning()
		.all();
	// The old lines leave the summary under their (old) day; the new ones join under the new day.
	if (old.length) {
		const lines = old.map((l) => ({ pcode: l.provincePcode, persons: l.persons }));
		addToDaySummary(db, tally.responseId, old[0].arrivedOn, lines, -1);
	}
	addToDaySummary(db, tally.responseId, tally.arrivedOn, input.destinations);
	if (!input.destinations.length) return;
	db.insert(tallyDestinations)
		.values(
			input.destinations.map((d) => ({
				tallyId: tally.id,
				responseId: tally.responseId,
				arrivedOn: tally.arrivedOn,
				provincePcode: d.pcode,
				persons: d.persons
			}))
		)
		.run();
}

export function recordTally(db: Db, actor: Actor, input: Tally): ArrivalTally {
	if (!can(actor, 'return.tally.record')) throw new UserError(m.error_forbidden(), 'forbidden');
	return db.transaction((tx) => {
		check(tx, input);
		const row = tx
			.insert(arrivalTallies)
			.values({ ...values(input), organisationId: actor.organisationId, recordedBy: actor.id })
			.returning()
			.get();
		writeDestinations(tx, row, input);
		recordAudit(tx, {
			userId: actor.id,
			action: 'create',
			entity: 'arrival_tallies',
			entityId: row.id,
			responseId: row.responseId,
			after: { ...values(input), destinations: input.destinations }
		});
		return row;
	});
}

export function getTally(db: Db, id: number) {
	const row = db.select().from(arrivalTallies).where(eq(arrivalTallies.id, id)).get();
	if (!row) return undefined;
	const destinations = db
		.select({ pcode: tallyDestinations.provincePcode, persons: tallyDestinations.persons })
		.from(tallyDestinations)
		.where(eq(tallyDestinations.tallyId, id))
		.orderBy(asc(tallyDestinations.provincePcode))
		.all();
	return { ...row, destinations };
}
export type TallyDetail = NonNullable<ReturnType<typeof getTally>>;

/** A correction: the new values replace the old ones, the change is in the audit log. */
export function updateTally(db: Db, actor: Actor, id: number, input: Tally): ArrivalTally {
	return db.transaction((tx) => {
		const before = getTally(tx, id);
		if (!before || before.responseId !== input.responseId)
			throw new UserError(m.error_not_found(), 'not_found');
		if (!can(actor, 'return.tally.edit', before))
			throw new UserError(m.error_forbidden(), 'forbidden');
		check(tx, input);
		const row = tx
			.update(arrivalTallies)
			.set(values(input))
			.where(eq(arrivalTallies.id, id))
			.returning()
			.get();
		writeDestinations(tx, row, input);
		const { before: b, after: a } = changedFields(
			{ ...before, destinations: before.destinations } as Record<string, unknown>,
			{ ...values(input), destinations: input.destinations }
		);
		recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'arrival_tallies',
			entityId: id,
			responseId: row.responseId,
			before: b,
			after: a
		});
		return row;
	});
}

export interface TallyFilter {
	from?: string;
	to?: string;
	locationId?: number;
}

export function listTallies(
	db: Db,
	responseId: number,
	f: TallyFilter = {},
	page = { limit: 50, offset: 0 }
) {
	const where = and(
		eq(arrivalTallies.responseId, responseId),
		f.from ? gte(arrivalTallies.arrivedOn, f.from) : undefined,
		f.to ? lte(arrivalTallies.arrivedOn, f.to) : undefined,
		f.locationId ? eq(arrivalTallies.locationId, f.locationId) : undefined
	);
	const rows = db
		.select({
			id: arrivalTallies.id,
			arrivedOn: arrivalTallies.arrivedOn,
			shift: arrivalTallies.shift,
			persons: arrivalTallies.persons,
			organisationId: arrivalTallies.organisationId,
			locationId: arrivalTallies.locationId,
			locationEn: locations.nameEn,
			locationKm: locations.nameKm,
			traffickingReferrals: arrivalTallies.traffickingReferrals,
			healthReferrals: arrivalTallies.healthReferrals
		})
		.from(arrivalTallies)
		.innerJoin(locations, eq(locations.id, arrivalTallies.locationId))
		.where(where)
		.orderBy(desc(arrivalTallies.arrivedOn), desc(arrivalTallies.id))
		.limit(page.limit)
		.offset(page.offset)
		.all();
	const total =
		db
			.select({ n: sql<number>`count(*)` })
			.from(arrivalTallies)
			.where(where)
			.get()?.n ?? 0;
	return { rows, total };
}
