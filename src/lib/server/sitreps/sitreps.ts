/** Writing, publishing and reading situation reports. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { fromCambodiaTime, missingParts, sectorsOf, type SitrepData } from '$lib/domain/sitreps';
import { responseDayProblem } from '$lib/domain/dates';
import { can, type Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { responses, sitreps, users, type Sitrep } from '$lib/server/db/schema';
import { changedFields, recordAudit } from '$lib/server/audit';
import { first, transaction } from '$lib/server/db/transaction';
import { UserError } from '$lib/server/errors';
import type { KeyFigure } from '$lib/domain/figures';
import { computeFigures } from './providers';

const ENTITY = 'sitreps';

/** The parsed form in the row's shape: times from Cambodia's clock, the sectors as one list. */
function toRow(d: SitrepData) {
	return {
		asOf: fromCambodiaTime(d.asOf),
		periodFrom: d.periodFrom,
		periodTo: d.periodTo,
		highlights: d.highlights,
		overview: d.overview,
		contacts: d.contacts,
		nextReportOn: d.nextReportOn,
		sectors: sectorsOf(d)
	};
}

/** A report of a response is not as of (nor about days) before the response began. */
async function checkResponseDates(db: Db, responseId: number, v: ReturnType<typeof toRow>) {
	const response = await first(
		db
			.select({ startDate: responses.startDate })
			.from(responses)
			.where(eq(responses.id, responseId))
	);
	if (!response) throw new UserError(m.error_not_found(), 'not_found');
	// A last report may come after the response closed: only its start bounds a report.
	const dates = { startDate: response.startDate, endDate: null };
	const fields: Record<string, string> = {};
	const asOf = responseDayProblem(v.asOf, dates);
	if (asOf) fields.asOf = asOf;
	const from = v.periodFrom && responseDayProblem(v.periodFrom, dates);
	if (from) fields.periodFrom = from;
	if (Object.keys(fields).length) throw new UserError(m.error_fix_fields(), 'invalid', fields);
}

export async function nextNumber(db: Db, responseId: number): Promise<number> {
	const row = await first(
		db
			.select({ n: sql<number | null>`max(${sitreps.number})` })
			.from(sitreps)
			.where(eq(sitreps.responseId, responseId))
	);
	return (row?.n ?? 0) + 1;
}

/**
 * The response's draft, if any. A response has one draft at a time and publishes in order, so
 * the numbers partners see never skip: the numbering follows the order of publication.
 */
export function openDraft(db: Db, responseId: number) {
	return first(
		db
			.select({ id: sitreps.id, number: sitreps.number })
			.from(sitreps)
			.where(and(eq(sitreps.responseId, responseId), eq(sitreps.status, 'draft')))
			.orderBy(asc(sitreps.number))
	);
}

/**
 * Starts the response's next report; its number is one more than the highest so far. Refused
 * while another is a draft (see `openDraft`).
 */
export async function createSitrep(
	db: Db,
	actor: Actor,
	responseId: number,
	input: SitrepData
): Promise<Sitrep> {
	const values = toRow(input);
	return transaction(db, async (tx) => {
		await checkResponseDates(tx, responseId, values);
		const draft = await openDraft(tx, responseId);
		if (draft) {
			throw new UserError(m.sitrep_error_draft_open({ number: draft.number }), 'conflict');
		}
		const number = await nextNumber(tx, responseId);
		const [row] = await tx
			.insert(sitreps)
			.values({ ...values, responseId, number, authorId: actor.id })
			.returning();
		await recordAudit(tx, {
			userId: actor.id,
			action: 'create',
			entity: ENTITY,
			entityId: row.id,
			responseId,
			after: { number: row.number, asOf: row.asOf }
		});
		return row;
	});
}

async function loadDraft(tx: Db, id: number): Promise<Sitrep> {
	const row = await first(tx.select().from(sitreps).where(eq(sitreps.id, id)));
	if (!row) throw new UserError(m.error_not_found(), 'not_found');
	if (row.status === 'published') {
		throw new UserError(m.sitrep_error_published({ number: row.number }), 'conflict');
	}
	return row;
}

export async function updateSitrep(
	db: Db,
	actor: Actor,
	id: number,
	input: SitrepData
): Promise<Sitrep> {
	const values = toRow(input);
	return transaction(db, async (tx) => {
		const before = await loadDraft(tx, id);
		await checkResponseDates(tx, before.responseId, values);
		const [row] = await tx.update(sitreps).set(values).where(eq(sitreps.id, id)).returning();
		await recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: ENTITY,
			entityId: id,
			responseId: row.responseId,
			...changedFields(before, values)
		});
		return row;
	});
}

/**
 * Publishes a draft: refuses naming every missing part, else computes the figures as of the
 * report's time and stores them with the status in the same transaction, so what was published
 * is what was computed.
 */
export async function publishSitrep(
	db: Db,
	actor: Actor,
	id: number,
	now = new Date()
): Promise<Sitrep> {
	return transaction(db, async (tx) => {
		const before = await loadDraft(tx, id);
		const earlier = await openDraft(tx, before.responseId);
		if (earlier && earlier.number < before.number) {
			throw new UserError(m.sitrep_error_earlier_draft({ number: earlier.number }), 'conflict');
		}
		const missing = missingParts(before);
		if (missing.length) {
			throw new UserError(
				m.sitrep_error_missing({ parts: missing.map((p) => p.label).join('; ') }),
				'invalid',
				Object.fromEntries(missing.map((p) => [p.field, m.error_required()]))
			);
		}
		if (before.asOf > now) {
			throw new UserError(m.sitrep_error_as_of_future(), 'invalid', {
				asOf: m.sitrep_error_as_of_future()
			});
		}
		const figures = await computeFigures(tx, before.responseId, before.asOf);
		const [row] = await tx
			.update(sitreps)
			.set({ status: 'published', publishedAt: now, publishedBy: actor.id, figures })
			.where(eq(sitreps.id, id))
			.returning();
		await recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: ENTITY,
			entityId: id,
			responseId: row.responseId,
			before: { status: before.status },
			after: { status: row.status, publishedAt: now, figures: figures.length }
		});
		return row;
	});
}

/** Deletes a draft (never a published report): the next report takes its number. */
export async function deleteSitrep(db: Db, actor: Actor, id: number): Promise<Sitrep> {
	return transaction(db, async (tx) => {
		const before = await loadDraft(tx, id);
		await tx.delete(sitreps).where(eq(sitreps.id, id));
		await recordAudit(tx, {
			userId: actor.id,
			action: 'delete',
			entity: ENTITY,
			entityId: id,
			responseId: before.responseId,
			before: { number: before.number, asOf: before.asOf, highlights: before.highlights }
		});
		return before;
	});
}

/** A published report's frozen figures, or a draft's computed now. */
export async function figuresOf(db: Db, sitrep: Sitrep): Promise<KeyFigure[]> {
	return sitrep.figures ?? computeFigures(db, sitrep.responseId, sitrep.asOf);
}

export function listSitreps(db: Db, responseId: number, withDrafts: boolean) {
	return db
		.select({
			id: sitreps.id,
			number: sitreps.number,
			status: sitreps.status,
			asOf: sitreps.asOf,
			periodFrom: sitreps.periodFrom,
			periodTo: sitreps.periodTo,
			publishedAt: sitreps.publishedAt
		})
		.from(sitreps)
		.where(
			and(
				eq(sitreps.responseId, responseId),
				withDrafts ? undefined : eq(sitreps.status, 'published')
			)
		)
		.orderBy(desc(sitreps.number));
}

/** A report with the names of its author and publisher. */
export async function getSitrep(db: Db, responseId: number, number: number) {
	return withNames(
		db,
		await first(
			db
				.select()
				.from(sitreps)
				.where(and(eq(sitreps.responseId, responseId), eq(sitreps.number, number)))
		)
	);
}

/** The report a reader asked for, if it exists and they may see it (a draft only for those who may). */
export async function readableSitrep(db: Db, actor: Actor, responseId: number, number: number) {
	if (!Number.isInteger(responseId) || !Number.isInteger(number)) return undefined;
	const sitrep = await getSitrep(db, responseId, number);
	if (!sitrep || (sitrep.status === 'draft' && !can(actor, 'sitrep.read_draft'))) return undefined;
	return sitrep;
}

export async function getSitrepById(db: Db, id: number) {
	return withNames(db, await first(db.select().from(sitreps).where(eq(sitreps.id, id))));
}

async function withNames(db: Db, row: Sitrep | undefined) {
	if (!row) return undefined;
	const ids = [row.authorId, row.publishedBy].filter((v): v is number => v !== null);
	const named = await db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(sql`${users.id} in ${ids}`)
		.orderBy(asc(users.id));
	const names = new Map(named.map((u) => [u.id, u.name]));
	return {
		...row,
		authorName: names.get(row.authorId) ?? '',
		publishedByName: row.publishedBy ? (names.get(row.publishedBy) ?? '') : null
	};
}
export type SitrepView = NonNullable<Awaited<ReturnType<typeof getSitrep>>>;
