/**
 * Which existing 4W row a spreadsheet row is: by Sahakar's Activity ID (an edited export), by
 * the partner's Row ID, else by its natural key (organisation, activity, place, start date and
 * items), so a corrected file updates rows instead of counting people twice.
 */
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { can, type Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import {
	shelterActivities,
	shelterActivityItems,
	type ShelterActivity
} from '$lib/server/db/schema';
import { notPending } from '../pending';
import type { RowPlan } from './rows';

export type MatchedBy = 'activity_id' | 'row_id' | 'natural';

export type Match =
	| { action: 'create' }
	| {
			action: 'update' | 'unchanged';
			target: ShelterActivity;
			matchedBy: MatchedBy;
			changed: string[];
	  }
	| { problem: string };

const a = shelterActivities;

const itemKey = (items: { catalogueId: number }[]) =>
	items
		.map((l) => l.catalogueId)
		.sort((x, y) => x - y)
		.join(',');

/** The natural key as text, for finding two rows of one file that are the same activity. */
export function naturalKey(plan: RowPlan): string {
	const r = plan.values.row;
	return [
		r.organisationId,
		r.activityType,
		r.siteId ? `site:${r.siteId}` : r.pcode,
		r.startDate,
		itemKey(plan.values.items)
	].join('|');
}

/** The existing rows a chunk of plans may be, read in a few queries for the whole chunk. */
interface Found {
	byId: Map<number, ShelterActivity>;
	byKey: Map<string, ShelterActivity>;
	/** Natural-key candidates (without the items), by `naturalKey` without its items. */
	natural: Map<string, ShelterActivity[]>;
	items: Map<number, { catalogueId: number; quantity: number }[]>;
}

const placeKey = (siteId: number | null, pcode: string | null) =>
	siteId ? `site:${siteId}` : `pcode:${pcode ?? ''}`;

const candidateKey = (r: {
	organisationId: number | null;
	activityType: string;
	siteId: number | null;
	pcode: string | null;
	startDate: string;
}) => [r.organisationId, r.activityType, placeKey(r.siteId, r.pcode), r.startDate].join('|');

const byNatural = (plan: RowPlan) => plan.activityId === null && !plan.importKey;

async function findAll(db: Db, responseId: number, plans: RowPlan[]): Promise<Found> {
	const ids = [...new Set(plans.flatMap((p) => (p.activityId !== null ? [p.activityId] : [])))];
	const keys = [...new Set(plans.flatMap((p) => (p.importKey ? [p.importKey] : [])))];
	const natural = new Map<string, RowPlan['values']['row']>();
	for (const p of plans) if (byNatural(p)) natural.set(candidateKey(p.values.row), p.values.row);
	const byId = new Map(
		(ids.length
			? await db
					.select()
					.from(a)
					.where(and(inArray(a.id, ids), eq(a.responseId, responseId), notPending))
			: []
		).map((t) => [t.id, t])
	);
	const byKey = new Map(
		(keys.length ? await db.select().from(a).where(inArray(a.importKey, keys)) : []).map((t) => [
			t.importKey as string,
			t
		])
	);
	const candidates = natural.size
		? await db
				.select()
				.from(a)
				.where(
					and(
						eq(a.responseId, responseId),
						notPending,
						or(
							...[...natural.values()].map((r) =>
								and(
									eq(a.startDate, r.startDate),
									eq(a.organisationId, r.organisationId),
									eq(a.activityType, r.activityType),
									r.siteId
										? eq(a.siteId, r.siteId)
										: and(isNull(a.siteId), eq(a.pcode, r.pcode ?? ''))
								)
							)
						)
					)
				)
				.orderBy(asc(a.id))
		: [];
	const naturalFound = new Map<string, ShelterActivity[]>();
	for (const c of candidates) {
		const key = candidateKey(c);
		naturalFound.set(key, [...(naturalFound.get(key) ?? []), c]);
	}
	const withItems = [
		...new Set([
			...byId.keys(),
			...[...byKey.values()].map((t) => t.id),
			...candidates.map((c) => c.id)
		])
	];
	const items = new Map<number, { catalogueId: number; quantity: number }[]>();
	for (let i = 0; i < withItems.length; i += 500) {
		const lines = await db
			.select({
				activityId: shelterActivityItems.activityId,
				catalogueId: shelterActivityItems.catalogueId,
				quantity: shelterActivityItems.quantity
			})
			.from(shelterActivityItems)
			.where(inArray(shelterActivityItems.activityId, withItems.slice(i, i + 500)))
			.orderBy(asc(shelterActivityItems.id));
		for (const { activityId, ...line } of lines) {
			items.set(activityId, [...(items.get(activityId) ?? []), line]);
		}
	}
	return { byId, byKey, natural: naturalFound, items };
}

/** The fields the row would change, items included. */
function changes(found: Found, target: ShelterActivity, plan: RowPlan): string[] {
	const out: string[] = [];
	for (const [key, value] of Object.entries(plan.values.row)) {
		if ((target as Record<string, unknown>)[key] !== value) out.push(key);
	}
	const lines = (l: { catalogueId: number; quantity: number }[]) =>
		l
			.map((x) => `${x.catalogueId}×${x.quantity}`)
			.sort()
			.join(';');
	if (lines(found.items.get(target.id) ?? []) !== lines(plan.values.items)) out.push('items');
	return out;
}

function matchOne(found: Found, actor: Actor, plan: RowPlan): Match {
	let target: ShelterActivity | undefined;
	let matchedBy: MatchedBy;
	if (plan.activityId !== null) {
		target = found.byId.get(plan.activityId);
		if (!target) return { problem: m.shel_import_unknown_activity_id({ id: plan.activityId }) };
		matchedBy = 'activity_id';
	} else if (plan.importKey) {
		target = found.byKey.get(plan.importKey);
		if (target?.pendingImportId) return { problem: m.shel_import_busy() };
		matchedBy = 'row_id';
	} else {
		const items = itemKey(plan.values.items);
		const same = (found.natural.get(candidateKey(plan.values.row)) ?? []).filter(
			(c) => itemKey(found.items.get(c.id) ?? []) === items
		);
		if (same.length > 1) return { problem: m.shel_import_ambiguous({ count: same.length }) };
		target = same[0];
		matchedBy = 'natural';
	}
	if (!target) return { action: 'create' };
	const changed = changes(found, target, plan);
	if (!changed.length) return { action: 'unchanged', target, matchedBy, changed };
	const resource = { organisationId: target.organisationId, status: target.reviewState };
	if (!can(actor, 'shelter.activity.edit', resource)) {
		return { problem: m.shel_import_locked() };
	}
	return { action: 'update', target, matchedBy, changed };
}

/** Each plan's match, in order: the existing rows of the whole chunk are read at once. */
export async function matchRows(
	db: Db,
	actor: Actor,
	responseId: number,
	plans: RowPlan[]
): Promise<Match[]> {
	if (!plans.length) return [];
	const found = await findAll(db, responseId, plans);
	return plans.map((plan) => matchOne(found, actor, plan));
}
