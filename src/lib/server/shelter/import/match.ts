/**
 * Which existing 4W row a spreadsheet row is: by Sahakar's Activity ID (an edited export), by
 * the partner's Row ID, else by its natural key (organisation, activity, place, start date and
 * items), so a corrected file updates rows instead of counting people twice.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { can, type Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { first } from '$lib/server/db/transaction';
import { shelterActivities, type ShelterActivity } from '$lib/server/db/schema';
import { itemsOf } from '../activities';
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

async function naturalMatches(db: Db, plan: RowPlan): Promise<ShelterActivity[]> {
	const r = plan.values.row;
	const candidates = await db
		.select()
		.from(a)
		.where(
			and(
				eq(a.responseId, r.responseId),
				eq(a.startDate, r.startDate),
				eq(a.organisationId, r.organisationId),
				eq(a.activityType, r.activityType),
				r.siteId ? eq(a.siteId, r.siteId) : and(isNull(a.siteId), eq(a.pcode, r.pcode ?? '')),
				notPending
			)
		);
	const items = itemKey(plan.values.items);
	const same: ShelterActivity[] = [];
	for (const c of candidates) if (itemKey(await itemsOf(db, c.id)) === items) same.push(c);
	return same;
}

/** The fields the row would change, items included. */
async function changes(db: Db, target: ShelterActivity, plan: RowPlan): Promise<string[]> {
	const out: string[] = [];
	for (const [key, value] of Object.entries(plan.values.row)) {
		if ((target as Record<string, unknown>)[key] !== value) out.push(key);
	}
	const lines = (l: { catalogueId: number; quantity: number }[]) =>
		l
			.map((x) => `${x.catalogueId}×${x.quantity}`)
			.sort()
			.join(';');
	if (lines(await itemsOf(db, target.id)) !== lines(plan.values.items)) out.push('items');
	return out;
}

export async function matchRow(db: Db, actor: Actor, plan: RowPlan): Promise<Match> {
	const r = plan.values.row;
	let target: ShelterActivity | undefined;
	let matchedBy: MatchedBy;
	if (plan.activityId !== null) {
		target = await first(
			db
				.select()
				.from(a)
				.where(and(eq(a.id, plan.activityId), eq(a.responseId, r.responseId), notPending))
		);
		if (!target) return { problem: m.shel_import_unknown_activity_id({ id: plan.activityId }) };
		matchedBy = 'activity_id';
	} else if (plan.importKey) {
		target = await first(db.select().from(a).where(eq(a.importKey, plan.importKey)));
		if (target?.pendingImportId) return { problem: m.shel_import_busy() };
		matchedBy = 'row_id';
	} else {
		const found = await naturalMatches(db, plan);
		if (found.length > 1) return { problem: m.shel_import_ambiguous({ count: found.length }) };
		target = found[0];
		matchedBy = 'natural';
	}
	if (!target) return { action: 'create' };
	const changed = await changes(db, target, plan);
	if (!changed.length) return { action: 'unchanged', target, matchedBy, changed };
	const resource = { organisationId: target.organisationId, status: target.reviewState };
	if (!can(actor, 'shelter.activity.edit', resource)) {
		return { problem: m.shel_import_locked() };
	}
	return { action: 'update', target, matchedBy, changed };
}
