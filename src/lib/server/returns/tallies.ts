/**
 * Arrival tallies at crossing points and transit centres: record (once per client id), correct,
 * list, one shift at a time. Only tallies at border crossing points count people who crossed:
 * their destination lines make the per-day summary the reconciliation and dashboard read.
 */
import { and, asc, count, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { peopleColumns, peopleOf, totalPeople } from '$lib/domain/people';
import { CROSSING_KIND, SHIFTS, type NewTally, type Tally } from '$lib/domain/returns';
import { can, type Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { first, oneWriterAtATime, transaction } from '$lib/server/db/transaction';
import {
	arrivalDayDestinations,
	arrivalTallies,
	locations,
	tallyDestinations,
	type ArrivalTally
} from '$lib/server/db/schema';
import { changedFields, recordAudit } from '$lib/server/audit';
import { UserError } from '$lib/server/errors';
import { contentHash, once, type Outcome } from '$lib/server/once';
import { assertPcodes } from '$lib/server/places';
import { assertInResponse, assertReturnLocation } from './common';

async function check(db: Db, input: Tally) {
	await assertInResponse(db, input.responseId, input.arrivedOn, 'arrivedOn');
	await assertReturnLocation(db, input.locationId, 'locationId');
	await assertPcodes(
		db,
		input.destinations.map((d, i) => ({ field: `destinations.${i}.pcode`, pcode: d.pcode }))
	);
}

/** Does a place's count say who crossed (a border crossing), not who passed a centre later? */
async function countsCrossing(db: Db, locationId: number): Promise<boolean> {
	const l = await first(
		db.select({ kind: locations.kind }).from(locations).where(eq(locations.id, locationId))
	);
	return l?.kind === CROSSING_KIND;
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
async function addToDaySummary(
	db: Db,
	responseId: number,
	arrivedOn: string,
	lines: { pcode: string; persons: number }[],
	sign: 1 | -1 = 1
) {
	if (!lines.length) return;
	await db
		.insert(arrivalDayDestinations)
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
		});
}

/**
 * Replaces a tally's destination lines. The old lines leave the summary under their (old) day
 * if the tally was at a crossing point; the new ones join under the new day if it is now.
 */
async function writeDestinations(db: Db, tally: ArrivalTally, input: Tally, wasCrossing = false) {
	const old = await db
		.delete(tallyDestinations)
		.where(eq(tallyDestinations.tallyId, tally.id))
		.returning();
	if (old.length && wasCrossing) {
		const lines = old.map((l) => ({ pcode: l.provincePcode, persons: l.persons }));
		await addToDaySummary(db, tally.responseId, old[0].arrivedOn, lines, -1);
	}
	if (await countsCrossing(db, tally.locationId))
		await addToDaySummary(db, tally.responseId, tally.arrivedOn, input.destinations);
	if (!input.destinations.length) return;
	await db.insert(tallyDestinations).values(
		input.destinations.map((d) => ({
			tallyId: tally.id,
			responseId: tally.responseId,
			arrivedOn: tally.arrivedOn,
			provincePcode: d.pcode,
			persons: d.persons
		}))
	);
}

/**
 * Records a new tally once: a second post of its id with the same content answers with the
 * stored tally (`existing`), with other content it is refused (409).
 */
export async function recordTally(
	db: Db,
	actor: Actor,
	input: NewTally
): Promise<{ outcome: Outcome; row: ArrivalTally }> {
	if (!can(actor, 'return.tally.record')) throw new UserError(m.error_forbidden(), 'forbidden');
	const hash = contentHash(input);
	return transaction(db, async (tx) => {
		// Every tally of a day adds to the same summary rows.
		await oneWriterAtATime(tx, arrivalDayDestinations);
		return once({
			find: () =>
				first(tx.select().from(arrivalTallies).where(eq(arrivalTallies.clientId, input.id))),
			stamp: (row) => ({ hash: row.contentHash, by: row.recordedBy }),
			hash,
			actor,
			create: async () => {
				await check(tx, input);
				const [row] = await tx
					.insert(arrivalTallies)
					.values({
						...values(input),
						clientId: input.id,
						contentHash: hash,
						organisationId: actor.organisationId,
						recordedBy: actor.id
					})
					.onConflictDoNothing({ target: arrivalTallies.clientId })
					.returning();
				if (!row) return undefined;
				await writeDestinations(tx, row, input);
				await recordAudit(tx, {
					userId: actor.id,
					action: 'create',
					entity: 'arrival_tallies',
					entityId: row.id,
					responseId: row.responseId,
					after: { ...values(input), destinations: input.destinations }
				});
				return row;
			}
		});
	});
}

/**
 * A place's tallies join the summary (it became a crossing point) or leave it (it became a
 * transit centre), so that a corrected kind corrects every figure of people who crossed.
 * Run it inside the caller's transaction.
 */
export async function resummarise(db: Db, locationId: number, sign: 1 | -1) {
	const lines = await db
		.select({
			responseId: tallyDestinations.responseId,
			arrivedOn: tallyDestinations.arrivedOn,
			pcode: tallyDestinations.provincePcode,
			persons: sql<number>`sum(${tallyDestinations.persons})`
		})
		.from(tallyDestinations)
		.innerJoin(arrivalTallies, eq(arrivalTallies.id, tallyDestinations.tallyId))
		.where(eq(arrivalTallies.locationId, locationId))
		.groupBy(
			tallyDestinations.responseId,
			tallyDestinations.arrivedOn,
			tallyDestinations.provincePcode
		);
	for (const l of lines) await addToDaySummary(db, l.responseId, l.arrivedOn, [l], sign);
}

export async function getTally(db: Db, id: number) {
	const stored = await first(db.select().from(arrivalTallies).where(eq(arrivalTallies.id, id)));
	if (!stored) return undefined;
	const { contentHash: _hash, ...row } = stored;
	const destinations = await db
		.select({ pcode: tallyDestinations.provincePcode, persons: tallyDestinations.persons })
		.from(tallyDestinations)
		.where(eq(tallyDestinations.tallyId, id))
		.orderBy(asc(tallyDestinations.provincePcode));
	return { ...row, destinations };
}
export type TallyDetail = NonNullable<Awaited<ReturnType<typeof getTally>>>;

/** A correction: the new values replace the old ones, the change is in the audit log. */
export async function updateTally(
	db: Db,
	actor: Actor,
	id: number,
	input: Tally
): Promise<ArrivalTally> {
	return transaction(db, async (tx) => {
		await oneWriterAtATime(tx, arrivalDayDestinations);
		const before = await getTally(tx, id);
		if (!before || before.responseId !== input.responseId)
			throw new UserError(m.error_not_found(), 'not_found');
		if (!can(actor, 'return.tally.edit', before))
			throw new UserError(m.error_forbidden(), 'forbidden');
		await check(tx, input);
		const wasCrossing = await countsCrossing(tx, before.locationId);
		const [row] = await tx
			.update(arrivalTallies)
			.set(values(input))
			.where(eq(arrivalTallies.id, id))
			.returning();
		await writeDestinations(tx, row, input, wasCrossing);
		const { before: b, after: a } = changedFields(
			{ ...before, destinations: before.destinations } as Record<string, unknown>,
			{ ...values(input), destinations: input.destinations }
		);
		await recordAudit(tx, {
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

/** A day's shifts in the order they happen, so the night's count comes before the morning's. */
const shiftOrder = sql`case ${arrivalTallies.shift} ${sql.join(
	SHIFTS.map((s, i) => sql`when ${s} then ${i}`),
	sql` `
)} end`;

export interface TallyFilter {
	from?: string;
	to?: string;
	locationId?: number;
}

export async function listTallies(
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
	const rows = await db
		.select({
			id: arrivalTallies.id,
			arrivedOn: arrivalTallies.arrivedOn,
			shift: arrivalTallies.shift,
			persons: arrivalTallies.persons,
			organisationId: arrivalTallies.organisationId,
			locationId: arrivalTallies.locationId,
			locationEn: locations.nameEn,
			locationKm: locations.nameKm,
			locationKind: locations.kind,
			traffickingReferrals: arrivalTallies.traffickingReferrals,
			healthReferrals: arrivalTallies.healthReferrals
		})
		.from(arrivalTallies)
		.innerJoin(locations, eq(locations.id, arrivalTallies.locationId))
		.where(where)
		.orderBy(desc(arrivalTallies.arrivedOn), desc(shiftOrder), desc(arrivalTallies.id))
		.limit(page.limit)
		.offset(page.offset);
	const [{ total }] = await db.select({ total: count() }).from(arrivalTallies).where(where);
	return { rows, total };
}
