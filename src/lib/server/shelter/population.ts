/**
 * A site's population counts as a history that only grows: a wrong count is corrected by a new
 * count that names it, or retracted, each with a reason and in the audit log. A count is in force
 * while it is neither retracted nor replaced by a correction in force; the latest count in force
 * on a day is the site's population that day.
 */
import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { m } from '$lib/paraglide/messages.js';
import { endOfDayInCambodia, responseDayProblem } from '$lib/domain/dates';
import { peopleColumns, peopleOf, totalPeople } from '$lib/domain/people';
import { can, type Actor } from '$lib/domain/policy';
import { asOfDate, type Correction, type Population, type Retraction } from '$lib/domain/shelter';
import type { Db } from '$lib/server/db';
import { first, transaction } from '$lib/server/db/transaction';
import {
	organisations,
	responses,
	shelterPopulation,
	shelterPopulationRetractions,
	shelterSites,
	users,
	type ShelterPopulationRow
} from '$lib/server/db/schema';
import { recordAudit } from '$lib/server/audit';
import { fieldError, UserError } from '$lib/server/errors';
import { contentHash, once } from '$lib/server/once';

/** SQL true when the count with id `idSql` is in force (see the module's comment). */
export const inForceSql = (idSql: SQL) =>
	sql`not exists (select 1 from shelter_population_retractions r where r.population_id = ${idSql})
	and not exists (select 1 from shelter_population c where c.replaces_id = ${idSql}
		and not exists (select 1 from shelter_population_retractions rc where rc.population_id = c.id))`;

/**
 * The latest count in force of each site on the day `asOfDay` (in Cambodia), as a subquery on
 * `siteId`. Counts are compared by their time, so a count at 20:00 that day is the day's.
 */
export function latestPopulation(db: Db, asOfDay: string) {
	const before = endOfDayInCambodia(asOfDay);
	// An alias (not raw `p2.as_of`) so the day's end binds as each engine stores a timestamp.
	const p2 = alias(shelterPopulation, 'p2');
	return db
		.select({
			id: shelterPopulation.id,
			siteId: shelterPopulation.siteId,
			households: shelterPopulation.households,
			persons: shelterPopulation.persons,
			asOf: shelterPopulation.asOf,
			disabled: shelterPopulation.disabled
		})
		.from(shelterPopulation)
		.where(
			sql`${shelterPopulation.id} = (select ${p2.id} from ${shelterPopulation} ${p2} where ${p2.siteId} = ${shelterPopulation.siteId} and ${lt(p2.asOf, before)} and ${inForceSql(sql`${p2.id}`)} order by ${p2.asOf} desc, ${p2.id} desc limit 1)`
		)
		.as('latest');
}

async function siteOf(db: Db, actor: Actor, siteId: number) {
	const site = await first(db.select().from(shelterSites).where(eq(shelterSites.id, siteId)));
	if (!site) throw new UserError(m.shel_error_not_found(), 'not_found');
	if (!can(actor, 'shelter.population.submit', { organisationId: site.managingOrganisationId })) {
		throw new UserError(m.shel_error_other_org(), 'forbidden');
	}
	return site;
}

/** The count to correct or retract: this site's, and still in force. */
async function countInForce(
	db: Db,
	siteId: number,
	id: number,
	field: string
): Promise<ShelterPopulationRow> {
	const row = await first(
		db
			.select()
			.from(shelterPopulation)
			.where(and(eq(shelterPopulation.id, id), eq(shelterPopulation.siteId, siteId)))
	);
	if (!row) throw fieldError(field, m.shel_error_count_unknown(), 'not_found');
	const live = await first(
		db
			.select({ id: shelterPopulation.id })
			.from(shelterPopulation)
			.where(and(eq(shelterPopulation.id, id), inForceSql(sql`${shelterPopulation.id}`)))
	);
	if (!live) throw fieldError(field, m.shel_error_count_not_in_force(), 'conflict');
	return row;
}

const summary = (r: ShelterPopulationRow) => ({
	asOf: r.asOf,
	households: r.households,
	persons: r.persons
});

/**
 * Writes one count of the site, once per client id (a retry or a double click answers with the
 * stored count); `correcting` names the count in force it replaces, and why.
 */
async function writeCount(
	db: Db,
	actor: Actor,
	siteId: number,
	p: Population,
	correcting?: { replaces: number; reason: string }
) {
	const hash = contentHash({ siteId, ...p, ...correcting });
	return transaction(db, async (tx) => {
		const site = await siteOf(tx, actor, siteId);
		return once({
			find: () =>
				first(tx.select().from(shelterPopulation).where(eq(shelterPopulation.clientId, p.id))),
			stamp: (row) => ({ hash: row.contentHash, by: row.reportedBy }),
			hash,
			actor,
			create: async () => {
				const replaced =
					correcting && (await countInForce(tx, siteId, correcting.replaces, 'replaces'));
				const asOf = asOfDate(p.asOf);
				const response = await first(
					tx
						.select({ startDate: responses.startDate, endDate: responses.endDate })
						.from(responses)
						.where(eq(responses.id, site.responseId))
				);
				const outside = response && responseDayProblem(asOf, response);
				if (outside) throw fieldError('asOf', outside);
				const people = peopleOf(p);
				const [row] = await tx
					.insert(shelterPopulation)
					.values({
						siteId,
						clientId: p.id,
						contentHash: hash,
						asOf,
						households: p.households,
						...peopleColumns(people),
						persons: totalPeople(people),
						organisationId: actor.organisationId,
						reportedBy: actor.id,
						replacesId: replaced ? replaced.id : null,
						correctionReason: correcting?.reason ?? null
					})
					.onConflictDoNothing({ target: shelterPopulation.clientId })
					.returning();
				if (!row) return undefined;
				await recordAudit(tx, {
					userId: actor.id,
					action: 'create',
					entity: 'shelter_population',
					entityId: row.id,
					responseId: site.responseId,
					before: replaced ? { id: replaced.id, ...summary(replaced) } : undefined,
					after: { siteId, ...summary(row) },
					detail: replaced ? { corrects: replaced.id, reason: correcting.reason } : undefined
				});
				return row;
			}
		});
	});
}

/** A population count at a time. Never updates an earlier one: the latest in force counts. */
export async function addPopulation(db: Db, actor: Actor, siteId: number, count: Population) {
	return writeCount(db, actor, siteId, count);
}

/** A new count replacing an earlier one of the same site; the earlier one stays in the history. */
export async function correctPopulation(db: Db, actor: Actor, siteId: number, c: Correction) {
	return writeCount(db, actor, siteId, c, { replaces: c.replaces, reason: c.reason });
}

/** Withdraws a count in force; the current population falls back to the count before it. */
export async function retractPopulation(db: Db, actor: Actor, siteId: number, r: Retraction) {
	return transaction(db, async (tx) => {
		const site = await siteOf(tx, actor, siteId);
		const count = await countInForce(tx, siteId, r.retracts, 'retracts');
		const [row] = await tx
			.insert(shelterPopulationRetractions)
			.values({
				populationId: count.id,
				reason: r.reason,
				organisationId: actor.organisationId,
				retractedBy: actor.id
			})
			.returning();
		await recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'shelter_population',
			entityId: count.id,
			responseId: site.responseId,
			before: { siteId, ...summary(count), state: 'in_force' },
			after: { state: 'retracted' },
			detail: { reason: r.reason }
		});
		return row;
	});
}

export type CountState = 'in_force' | 'replaced' | 'retracted';

/**
 * A site's counts, latest first, each with what became of it: in force, replaced (by which
 * correction, and why) or retracted (by whom, and why).
 */
export async function populationHistory(db: Db, siteId: number) {
	const rows = await db
		.select({
			row: shelterPopulation,
			reporter: users.name,
			organisation: organisations.acronym
		})
		.from(shelterPopulation)
		.innerJoin(users, eq(users.id, shelterPopulation.reportedBy))
		.innerJoin(organisations, eq(organisations.id, shelterPopulation.organisationId))
		.where(eq(shelterPopulation.siteId, siteId))
		.orderBy(desc(shelterPopulation.asOf), desc(shelterPopulation.id));
	const ids = rows.map((r) => r.row.id);
	const retractions = new Map(
		(ids.length
			? await db
					.select({
						populationId: shelterPopulationRetractions.populationId,
						reason: shelterPopulationRetractions.reason,
						at: shelterPopulationRetractions.createdAt,
						by: users.name
					})
					.from(shelterPopulationRetractions)
					.innerJoin(users, eq(users.id, shelterPopulationRetractions.retractedBy))
					.where(inArray(shelterPopulationRetractions.populationId, ids))
			: []
		).map((r) => [r.populationId, r])
	);
	// The correction in force of each count, if any (retracted corrections no longer replace).
	const replacedBy = new Map<number, number>();
	for (const { row } of rows) {
		if (row.replacesId !== null && !retractions.has(row.id)) replacedBy.set(row.replacesId, row.id);
	}
	return rows.map(({ row, reporter, organisation }) => {
		const retraction = retractions.get(row.id) ?? null;
		const state: CountState = retraction
			? 'retracted'
			: replacedBy.has(row.id)
				? 'replaced'
				: 'in_force';
		return {
			id: row.id,
			asOf: row.asOf,
			households: row.households,
			persons: row.persons,
			people: peopleOf(row),
			reporter,
			organisation,
			state,
			replaces: row.replacesId,
			correctionReason: row.correctionReason,
			replacedBy: replacedBy.get(row.id) ?? null,
			retraction
		};
	});
}
export type PopulationHistoryRow = Awaited<ReturnType<typeof populationHistory>>[number];

/** The site a count belongs to, for routes that know only the count. */
export async function siteOfCount(db: Db, countId: number) {
	return first(
		db
			.select({
				id: shelterSites.id,
				responseId: shelterSites.responseId,
				managingOrganisationId: shelterSites.managingOrganisationId
			})
			.from(shelterPopulation)
			.innerJoin(shelterSites, eq(shelterSites.id, shelterPopulation.siteId))
			.where(eq(shelterPopulation.id, countId))
	);
}
