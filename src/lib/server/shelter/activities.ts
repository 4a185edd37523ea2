/**
 * Partners' 4W rows: writing them, their item lines, and the review workflow
 * draft → submitted → validated | returned. Every refusal writes nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { responseDayProblem } from '$lib/domain/dates';
import { peopleColumns, peopleOf, totalPeople } from '$lib/domain/people';
import { can, type Action, type Actor } from '$lib/domain/policy';
import { REVIEW_MOVES, type Activity, type Review, type ReviewState } from '$lib/domain/shelter';
import type { Db } from '$lib/server/db';
import { first, transaction } from '$lib/server/db/transaction';
import {
	nfiCatalogue,
	organisations,
	responses,
	shelterActivities,
	shelterActivityItems,
	shelterSites,
	type ShelterActivity
} from '$lib/server/db/schema';
import { changedFields, recordAudit } from '$lib/server/audit';
import { fieldError, UserError } from '$lib/server/errors';
import { notPending } from './pending';
import { joinSums, leaveSums } from './sums';
import { areaKeys } from '$lib/domain/places';
import { assertPcodes } from '$lib/server/places';

const stateLabel = (s: ReviewState) =>
	({
		draft: m.shel_review_draft,
		submitted: m.shel_review_submitted,
		validated: m.shel_review_validated,
		returned: m.shel_review_returned
	})[s]();

/** A row by id, unless an import is still writing it. */
const byId = (db: Db, id: number) =>
	first(
		db
			.select()
			.from(shelterActivities)
			.where(and(eq(shelterActivities.id, id), notPending))
	);

async function requireActivity(db: Db, id: number): Promise<ShelterActivity> {
	const row = await byId(db, id);
	if (!row) throw new UserError(m.shel_error_not_found(), 'not_found');
	return row;
}

/** Refuses with the reason a person can act on: someone else's row, or the row's state. */
function allow(actor: Actor, action: Action, row: ShelterActivity) {
	const resource = { organisationId: row.organisationId, status: row.reviewState };
	if (can(actor, action, resource)) return;
	const anyState = (['draft', 'returned', 'submitted', 'validated'] as const).some((status) =>
		can(actor, action, { organisationId: row.organisationId, status })
	);
	if (!anyState) throw new UserError(m.shel_error_other_org(), 'forbidden');
	throw new UserError(m.shel_error_locked({ state: stateLabel(row.reviewState) }), 'conflict');
}

/**
 * What `activityValues` asks of the database: the form and the API ask it per record (`dbRefs`);
 * the 4W import answers from what it read once per file, so a file of thousands of rows does not
 * run five queries per row.
 */
export interface ActivityRefs {
	responseStart(responseId: number): Promise<string | undefined>;
	/** Which of these organisations exist. */
	organisations(ids: number[]): Promise<number[]>;
	/** The site's P-code, or undefined when the site is not the response's. */
	sitePcode(responseId: number, siteId: number): Promise<{ pcode: string | null } | undefined>;
	/** Refuses an unknown P-code (`assertPcodes`). */
	assertPcode(pcode: string | null | undefined): Promise<void>;
	/** Which of these catalogue entries exist. */
	catalogue(ids: number[]): Promise<number[]>;
}

/** The answers straight from the database, per record. */
export function dbRefs(db: Db): ActivityRefs {
	return {
		async responseStart(responseId) {
			const response = await first(
				db
					.select({ startDate: responses.startDate })
					.from(responses)
					.where(eq(responses.id, responseId))
			);
			return response?.startDate;
		},
		async organisations(ids) {
			const rows = await db
				.select({ id: organisations.id })
				.from(organisations)
				.where(inArray(organisations.id, ids));
			return rows.map((o) => o.id);
		},
		sitePcode: (responseId, siteId) =>
			first(
				db
					.select({ pcode: shelterSites.pcode })
					.from(shelterSites)
					.where(and(eq(shelterSites.id, siteId), eq(shelterSites.responseId, responseId)))
			),
		assertPcode: (pcode) => assertPcodes(db, [{ field: 'pcode', pcode }]),
		async catalogue(ids) {
			const rows = await db
				.select({ id: nfiCatalogue.id })
				.from(nfiCatalogue)
				.where(inArray(nfiCatalogue.id, ids));
			return rows.map((c) => c.id);
		}
	};
}

/**
 * Checks what the schema cannot (the response's start, ids that exist, P-codes, the site's
 * response) and derives the columns. The form, the API and the 4W import all come through here.
 */
export async function activityValues(
	from: Db | ActivityRefs,
	actor: Actor,
	responseId: number,
	a: Activity
) {
	const refs = 'responseStart' in from ? from : dbRefs(from);
	const organisationId = a.organisationId ?? actor.organisationId;
	if (!can(actor, 'shelter.activity.create', { organisationId })) {
		throw fieldError('organisationId', m.shel_error_other_org(), 'forbidden');
	}
	const startDate = await refs.responseStart(responseId);
	// An activity of the response starts with it; recovery work may run on after it closed.
	const early =
		startDate !== undefined && responseDayProblem(a.startDate, { startDate, endDate: null });
	if (early) throw fieldError('startDate', early);
	const orgIds = [organisationId, a.implementingPartnerId].filter((v): v is number => !!v);
	const orgs = await refs.organisations(orgIds);
	if (!orgs.includes(organisationId as number)) {
		throw fieldError('organisationId', m.shel_error_org_unknown());
	}
	if (a.implementingPartnerId && !orgs.includes(a.implementingPartnerId)) {
		throw fieldError('implementingPartnerId', m.shel_error_org_unknown());
	}
	let pcode = a.pcode;
	if (a.siteId) {
		const site = await refs.sitePcode(responseId, a.siteId);
		if (!site) throw fieldError('siteId', m.shel_error_site_unknown());
		pcode ??= site.pcode;
	}
	await refs.assertPcode(a.pcode);
	if (a.items.length) {
		const ids = [...new Set(a.items.map((l) => l.catalogueId))];
		const found = await refs.catalogue(ids);
		if (found.length !== ids.length) throw fieldError('items', m.shel_error_catalogue_unknown());
	}
	const targeted = peopleOf(a, 'targeted_');
	const reached = peopleOf(a, 'reached_');
	return {
		row: {
			responseId,
			activityType: a.activityType,
			modality: a.modality,
			organisationId,
			implementingPartnerId: a.implementingPartnerId,
			donor: a.donor,
			pcode,
			siteId: a.siteId,
			...areaKeys(pcode),
			startDate: a.startDate,
			endDate: a.endDate,
			status: a.status,
			targetedHouseholds: a.targetedHouseholds,
			...peopleColumns(targeted, 'targeted_'),
			targetedPersons: totalPeople(targeted),
			reachedHouseholds: a.reachedHouseholds,
			...peopleColumns(reached, 'reached_'),
			reachedPersons: totalPeople(reached),
			note: a.note
		},
		items: a.items
	};
}

/** What `activityValues` derives: the row's columns and its item lines. */
export type ActivityValues = Awaited<ReturnType<typeof activityValues>>;

async function requireResponse(db: Db, responseId: number) {
	const response = await first(
		db.select({ id: responses.id }).from(responses).where(eq(responses.id, responseId))
	);
	if (!response) throw new UserError(m.shel_error_unknown_response(), 'not_found');
}

/** Writes an activity's item lines. */
async function insertItems(tx: Db, activityId: number, items: ActivityValues['items']) {
	if (items.length) {
		await tx.insert(shelterActivityItems).values(items.map((l) => ({ activityId, ...l })));
	}
}

/** A new row, as a draft (or sent for review at once with `submit`). */
export async function createActivity(
	db: Db,
	actor: Actor,
	responseId: number,
	activity: Activity,
	options: { submit?: boolean } = {}
) {
	return transaction(db, async (tx) => {
		await requireResponse(tx, responseId);
		const { row, items } = await activityValues(tx, actor, responseId, activity);
		const reviewState: ReviewState = options.submit ? 'submitted' : 'draft';
		const [inserted] = await tx
			.insert(shelterActivities)
			.values({ ...row, reviewState, createdBy: actor.id })
			.returning();
		await insertItems(tx, inserted.id, items);
		await joinSums(tx, { id: inserted.id });
		await recordAudit(tx, {
			userId: actor.id,
			action: 'create',
			entity: 'shelter_activities',
			entityId: inserted.id,
			responseId,
			after: { ...row, reviewState, items }
		});
		return inserted;
	});
}

/** Changes a row its owner may still edit (draft or returned), replacing its item lines. */
export async function updateActivity(
	db: Db,
	actor: Actor,
	id: number,
	activity: Activity,
	options: { submit?: boolean } = {}
) {
	return transaction(db, async (tx) => {
		const before = await requireActivity(tx, id);
		allow(actor, 'shelter.activity.edit', before);
		const { row, items } = await activityValues(tx, actor, before.responseId, {
			...activity,
			organisationId: activity.organisationId ?? before.organisationId
		});
		const beforeItems = await itemsOf(tx, id);
		const reviewState: ReviewState = options.submit ? 'submitted' : before.reviewState;
		await leaveSums(tx, { id });
		const [updated] = await tx
			.update(shelterActivities)
			.set({ ...row, reviewState })
			.where(eq(shelterActivities.id, id))
			.returning();
		await tx.delete(shelterActivityItems).where(eq(shelterActivityItems.activityId, id));
		await insertItems(tx, id, items);
		await joinSums(tx, { id });
		const diff = changedFields({ ...before, items: beforeItems }, { ...row, reviewState, items });
		await recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'shelter_activities',
			entityId: id,
			responseId: before.responseId,
			...diff
		});
		return updated;
	});
}

export async function deleteActivity(db: Db, actor: Actor, id: number) {
	await transaction(db, async (tx) => {
		const before = await requireActivity(tx, id);
		allow(actor, 'shelter.activity.delete', before);
		const items = await itemsOf(tx, id);
		await leaveSums(tx, { id });
		await tx.delete(shelterActivities).where(eq(shelterActivities.id, id));
		await recordAudit(tx, {
			userId: actor.id,
			action: 'delete',
			entity: 'shelter_activities',
			entityId: id,
			responseId: before.responseId,
			before: { ...before, items }
		});
	});
}

const MOVE_ACTION = {
	submit: 'shelter.activity.edit',
	validate: 'shelter.activity.review',
	return: 'shelter.activity.review',
	reopen: 'shelter.activity.reopen'
} as const satisfies Record<keyof typeof REVIEW_MOVES, Action>;

/** One step of the review: submit, validate, return (with a comment) or reopen. */
export async function reviewActivity(
	db: Db,
	actor: Actor,
	id: number,
	{ move, comment = null }: Pick<Review, 'move'> & { comment?: string | null }
) {
	return transaction(db, async (tx) => {
		const before = await requireActivity(tx, id);
		const step = REVIEW_MOVES[move];
		if (!(step.from as readonly ReviewState[]).includes(before.reviewState)) {
			throw new UserError(m.shel_error_move({ state: stateLabel(before.reviewState) }), 'conflict');
		}
		allow(actor, MOVE_ACTION[move], before);
		const reviewing = move !== 'submit';
		const set = {
			reviewState: step.to,
			reviewComment: reviewing ? comment : before.reviewComment,
			reviewedBy: reviewing ? actor.id : before.reviewedBy,
			reviewedAt: reviewing ? new Date() : before.reviewedAt
		};
		await leaveSums(tx, { id });
		const [row] = await tx
			.update(shelterActivities)
			.set(set)
			.where(eq(shelterActivities.id, id))
			.returning();
		await joinSums(tx, { id });
		await recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'shelter_activities',
			entityId: id,
			responseId: before.responseId,
			before: { reviewState: before.reviewState },
			after: { reviewState: step.to, comment },
			detail: { move }
		});
		return row;
	});
}

export async function itemsOf(db: Db, activityId: number) {
	return db
		.select({
			catalogueId: shelterActivityItems.catalogueId,
			quantity: shelterActivityItems.quantity
		})
		.from(shelterActivityItems)
		.where(eq(shelterActivityItems.activityId, activityId))
		.orderBy(shelterActivityItems.id);
}

export async function getActivity(db: Db, id: number) {
	const row = await byId(db, id);
	return row ? { ...row, items: await itemsOf(db, id) } : null;
}
