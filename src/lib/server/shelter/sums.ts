/**
 * The 4W sums (`shelter_activity_sums`, `shelter_item_sums`): kept here, in the transaction of
 * every write to the rows, and the plan that says when a reader may use them.
 *
 * Writers call `leaveSums` with the rows they are about to change or delete and `joinSums` with
 * the rows once changed or created: the rows' current values are taken out of (or added to)
 * their cells by one upsert per table. Rows hidden while an import writes them are skipped
 * (`notPending`); the import adds them when it publishes.
 */
import { and, eq, gte, lte, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { pcodeLevel } from '$lib/domain/places';
import { monthBounds, type MatrixFilter } from '$lib/domain/shelter';
import type { Db } from '$lib/server/db';
import { transaction } from '$lib/server/db/transaction';
import {
	shelterActivities as a,
	shelterActivityItems as items,
	shelterActivitySums,
	shelterItemSums
} from '$lib/server/db/schema';
import { notPending } from './pending';

const startMonth = sql<string>`substr(${a.startDate}, 1, 7)`;
const endMonth = sql<string>`substr(coalesce(${a.endDate}, ${a.startDate}), 1, 7)`;
const partnerId = sql<number>`coalesce(${a.implementingPartnerId}, 0)`;
const provincePcode = sql<string>`coalesce(${a.provincePcode}, '')`;

async function addActivities(tx: Db, rows: SQL, sign: 1 | -1) {
	const s = shelterActivitySums;
	const sum = (v: SQL | AnyColumn) => sql<number>`${sign} * sum(${v})`;
	const key = [
		a.responseId,
		a.reviewState,
		startMonth,
		endMonth,
		a.organisationId,
		partnerId,
		a.activityType,
		provincePcode
	];
	await tx
		.insert(s)
		.select(
			tx
				.select({
					responseId: a.responseId,
					reviewState: a.reviewState,
					startMonth: sql<string>`${startMonth}`.as('start_month'),
					endMonth: sql<string>`${endMonth}`.as('end_month'),
					organisationId: a.organisationId,
					partnerId: sql<number>`${partnerId}`.as('partner_id'),
					activityType: a.activityType,
					provincePcode: sql<string>`${provincePcode}`.as('province_pcode'),
					activities: sql<number>`${sign} * count(*)`.as('activities'),
					targetedHouseholds: sum(a.targetedHouseholds).as('targeted_households'),
					reachedHouseholds: sum(a.reachedHouseholds).as('reached_households'),
					targetedPersons: sum(a.targetedPersons).as('targeted_persons'),
					reachedPersons: sum(a.reachedPersons).as('reached_persons'),
					reachedFemale: sum(
						sql`${a.reached_f_0_5} + ${a.reached_f_6_17} + ${a.reached_f_18_59} + ${a.reached_f_60}`
					).as('reached_female'),
					reachedDisabled: sum(a.reached_disabled).as('reached_disabled')
				})
				.from(a)
				.where(and(rows, notPending))
				.groupBy(...key)
		)
		.onConflictDoUpdate({
			target: [
				s.responseId,
				s.reviewState,
				s.startMonth,
				s.endMonth,
				s.organisationId,
				s.partnerId,
				s.activityType,
				s.provincePcode
			],
			set: {
				activities: sql`${s.activities} + excluded.activities`,
				targetedHouseholds: sql`${s.targetedHouseholds} + excluded.targeted_households`,
				reachedHouseholds: sql`${s.reachedHouseholds} + excluded.reached_households`,
				targetedPersons: sql`${s.targetedPersons} + excluded.targeted_persons`,
				reachedPersons: sql`${s.reachedPersons} + excluded.reached_persons`,
				reachedFemale: sql`${s.reachedFemale} + excluded.reached_female`,
				reachedDisabled: sql`${s.reachedDisabled} + excluded.reached_disabled`
			}
		});
}

async function addItems(tx: Db, rows: SQL, sign: 1 | -1) {
	const s = shelterItemSums;
	const key = [
		a.responseId,
		a.reviewState,
		startMonth,
		endMonth,
		a.organisationId,
		partnerId,
		provincePcode,
		items.catalogueId
	];
	await tx
		.insert(s)
		.select(
			tx
				.select({
					responseId: a.responseId,
					reviewState: a.reviewState,
					startMonth: sql<string>`${startMonth}`.as('start_month'),
					endMonth: sql<string>`${endMonth}`.as('end_month'),
					organisationId: a.organisationId,
					partnerId: sql<number>`${partnerId}`.as('partner_id'),
					provincePcode: sql<string>`${provincePcode}`.as('province_pcode'),
					catalogueId: items.catalogueId,
					lines: sql<number>`${sign} * count(*)`.as('lines'),
					quantity: sql<number>`${sign} * sum(${items.quantity})`.as('quantity')
				})
				.from(items)
				.innerJoin(a, eq(a.id, items.activityId))
				.where(and(rows, notPending))
				.groupBy(...key)
		)
		.onConflictDoUpdate({
			target: [
				s.responseId,
				s.reviewState,
				s.startMonth,
				s.endMonth,
				s.organisationId,
				s.partnerId,
				s.provincePcode,
				s.catalogueId
			],
			set: {
				lines: sql`${s.lines} + excluded.lines`,
				quantity: sql`${s.quantity} + excluded.quantity`
			}
		});
}

/** Which rows: one id, every row an import wrote, or every row of a response. */
export type SumRows = { id: number } | { importId: string } | { responseId: number };

function rowsOf(which: SumRows): SQL {
	if ('id' in which) return eq(a.id, which.id);
	if ('importId' in which) return eq(a.pendingImportId, which.importId);
	return eq(a.responseId, which.responseId);
}

/** Adds rows (with their item lines) to the sums: after a create, or after a change. */
export async function joinSums(tx: Db, which: SumRows) {
	await addActivities(tx, rowsOf(which), 1);
	await addItems(tx, rowsOf(which), 1);
}

/** Takes rows out of the sums: before a change or a delete, while they hold their old values. */
export async function leaveSums(tx: Db, which: SumRows) {
	await addActivities(tx, rowsOf(which), -1);
	await addItems(tx, rowsOf(which), -1);
}

/** Builds a response's sums again from its rows: for rows written straight to the table (benchmarks). */
export async function rebuildSums(db: Db, responseId: number) {
	await transaction(db, async (tx) => {
		await tx.delete(shelterActivitySums).where(eq(shelterActivitySums.responseId, responseId));
		await tx.delete(shelterItemSums).where(eq(shelterItemSums.responseId, responseId));
		await joinSums(tx, { responseId });
	});
}

/**
 * Where a reader may use the sums: the filters name only what they hold. `sums` is the
 * condition on either sums table; `rowsFrom` is set when a `to` day cuts its month, whose rows
 * from that month's first day are read from the rows and added.
 */
export interface SumsPlan {
	sums: (t: typeof shelterActivitySums | typeof shelterItemSums) => SQL | undefined;
	rowsFrom: string | null;
}

/**
 * The sums hold provinces, not districts, and neither the status nor (for the item lines) the
 * activity type: a filter or a grouping by one of those reads the rows (null).
 */
export function sumsPlan(
	actor: Actor,
	f: MatrixFilter,
	use: 'activities' | 'items'
): SumsPlan | null {
	if (f.status) return null;
	if (f.area && pcodeLevel(f.area) !== 1) return null;
	if (use === 'items' && f.activityType) return null;
	// Months wholly on or before the `to` day come from the sums; the cut month's rows are read.
	let lastFullMonth: string | null = null;
	let rowsFrom: string | null = null;
	if (f.to) {
		const [first, last] = monthBounds(f.to.slice(0, 7));
		lastFullMonth = f.to === last ? f.to.slice(0, 7) : previousMonth(first);
		rowsFrom = f.to === last ? null : first;
	}
	const sums: SumsPlan['sums'] = (t) =>
		and(
			eq(t.responseId, f.responseId),
			visibleIn(t, actor),
			f.organisationId
				? or(eq(t.organisationId, f.organisationId), eq(t.partnerId, f.organisationId))
				: undefined,
			f.activityType && 'activityType' in t ? eq(t.activityType, f.activityType) : undefined,
			f.area ? eq(t.provincePcode, f.area) : undefined,
			f.reviewState === 'all' ? undefined : eq(t.reviewState, f.reviewState),
			lastFullMonth ? lte(t.startMonth, lastFullMonth) : undefined,
			f.month ? lte(t.startMonth, f.month) : undefined,
			f.month ? gte(t.endMonth, f.month) : undefined
		);
	return { sums, rowsFrom };
}

/** The month before a month's first day, as `YYYY-MM`. */
function previousMonth(first: string): string {
	const [y, m] = first.split('-').map(Number);
	return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** `visibleTo` of the matrix on a sums table (whose rows are never pending). */
function visibleIn(
	t: typeof shelterActivitySums | typeof shelterItemSums,
	actor: Actor
): SQL | undefined {
	if (actor.role === 'admin' || actor.role === 'coordinator') return undefined;
	if (actor.role === 'partner' || actor.role === 'field') {
		return or(eq(t.reviewState, 'validated'), eq(t.organisationId, actor.organisationId));
	}
	return eq(t.reviewState, 'validated');
}
