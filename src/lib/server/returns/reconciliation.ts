/**
 * The reconciliation, per destination province and day: people who crossed at border crossing
 * points (the tallies' destination lines, summed per day in `arrival_day_destinations`, and a
 * "destination not recorded" row for the rest of each day's crossings) → dispatched (on departed
 * or arrived manifests, by departure day) → arrived (confirmed received on arrived manifests, by
 * the same departure day, so each day's trips are followed to the end). Grouped queries over
 * covering indexes; the passenger rows are never read, since each manifest keeps its load.
 */
import { and, asc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import {
	OVERDUE_HOURS,
	type ReconAttention,
	type ReconFilters,
	type ReconRow
} from '$lib/domain/returns';
import type { Db } from '$lib/server/db';
import { arrivalDayDestinations, arrivalTallies, manifests } from '$lib/server/db/schema';
import { talliesWithin } from './dashboard';

function crossedQuery(db: Db, responseId: number, f: ReconFilters) {
	const d = arrivalDayDestinations;
	return db
		.select({ pcode: d.provincePcode, date: d.arrivedOn, n: d.persons })
		.from(d)
		.where(
			and(
				eq(d.responseId, responseId),
				f.pcode ? eq(d.provincePcode, f.pcode) : undefined,
				f.from ? gte(d.arrivedOn, f.from) : undefined,
				f.to ? lte(d.arrivedOn, f.to) : undefined,
				gt(d.persons, 0)
			)
		);
}

/** Manifests on the road or arrived, under the filters (by departure day and destination). */
function travelled(responseId: number, f: ReconFilters) {
	const t = manifests;
	return and(
		eq(t.responseId, responseId),
		f.pcode ? eq(t.destProvincePcode, f.pcode) : undefined,
		f.from ? gte(t.departedOn, f.from) : undefined,
		f.to ? lte(t.departedOn, f.to) : undefined,
		inArray(t.status, ['departed', 'arrived'])
	);
}

function dispatchedQuery(db: Db, responseId: number, f: ReconFilters) {
	const t = manifests;
	return db
		.select({
			pcode: t.destProvincePcode,
			date: sql<string>`${t.departedOn}`,
			dispatched: sql<number>`sum(${t.passengers})`,
			arrived: sql<number>`sum(case when ${t.status} = 'arrived' then ${t.receivedCount} else 0 end)`
		})
		.from(t)
		.where(travelled(responseId, f))
		.groupBy(t.destProvincePcode, t.departedOn);
}

/** People who crossed per day at border crossing points, whatever their destination. */
async function crossedPerDay(db: Db, responseId: number, f: ReconFilters) {
	return db
		.select({
			date: arrivalTallies.arrivedOn,
			n: sql<number>`sum(${arrivalTallies.persons})`
		})
		.from(arrivalTallies)
		.where(talliesWithin(db, responseId, f))
		.groupBy(arrivalTallies.arrivedOn);
}

/** Provinces in order, the people with no recorded destination last. */
const byPcode = (a: string | null, b: string | null) =>
	a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b);

export async function reconciliation(
	db: Db,
	responseId: number,
	f: ReconFilters = {}
): Promise<ReconRow[]> {
	const rows = new Map<string, ReconRow>();
	const row = (pcode: string | null, date: string) => {
		const key = `${pcode ?? ''}|${date}`;
		let r = rows.get(key);
		if (!r) rows.set(key, (r = { pcode, date, crossed: 0, dispatched: 0, arrived: 0 }));
		return r;
	};
	const recorded = new Map<string, number>();
	for (const c of await crossedQuery(db, responseId, f)) {
		row(c.pcode, c.date).crossed = c.n;
		recorded.set(c.date, (recorded.get(c.date) ?? 0) + c.n);
	}
	// A province filter asks about that province; without one, every crossing is in a row.
	if (!f.pcode) {
		for (const c of await crossedPerDay(db, responseId, f)) {
			const rest = c.n - (recorded.get(c.date) ?? 0);
			if (rest > 0) row(null, c.date).crossed = rest;
		}
	}
	for (const d of await dispatchedQuery(db, responseId, f)) {
		const r = row(d.pcode, d.date);
		r.dispatched = d.dispatched;
		r.arrived = d.arrived;
	}
	return [...rows.values()].sort((a, b) =>
		a.date === b.date ? byPcode(a.pcode, b.pcode) : a.date.localeCompare(b.date)
	);
}

/** Totals per province over the filtered days ("not recorded" last). */
export function reconciliationByProvince(rows: ReconRow[]): Omit<ReconRow, 'date'>[] {
	const by = new Map<string | null, Omit<ReconRow, 'date'>>();
	for (const r of rows) {
		const t = by.get(r.pcode) ?? { pcode: r.pcode, crossed: 0, dispatched: 0, arrived: 0 };
		t.crossed += r.crossed;
		t.dispatched += r.dispatched;
		t.arrived += r.arrived;
		by.set(r.pcode, t);
	}
	return [...by.values()].sort((a, b) => byPcode(a.pcode, b.pcode));
}

/**
 * The rows that need attention (see `ReconAttention`), on the same days and provinces as the
 * reconciliation: missing people per arrived manifest, people on manifests that departed more
 * than `OVERDUE_HOURS` before `now` and have not arrived.
 */
export async function reconAttention(
	db: Db,
	responseId: number,
	f: ReconFilters = {},
	now = new Date()
): Promise<ReconAttention[]> {
	const t = manifests;
	const cutoff = new Date(now.getTime() - OVERDUE_HOURS * 3_600_000);
	const missing = sql<number>`sum(case when ${t.status} = 'arrived' then ${t.passengers} - coalesce(${t.receivedCount}, 0) else 0 end)`;
	const overdue = sql<number>`sum(case when ${t.status} = 'departed' and ${lte(t.departedAt, cutoff)} then ${t.passengers} else 0 end)`;
	return db
		.select({ pcode: t.destProvincePcode, date: sql<string>`${t.departedOn}`, missing, overdue })
		.from(t)
		.where(travelled(responseId, f))
		.groupBy(t.destProvincePcode, t.departedOn)
		.having(sql`${missing} > 0 or ${overdue} > 0`)
		.orderBy(asc(t.departedOn), asc(t.destProvincePcode));
}

/** The drill-down: the manifests behind one row. */
export async function reconManifests(db: Db, responseId: number, pcode: string, date: string) {
	return db
		.select({
			id: manifests.id,
			code: manifests.code,
			status: manifests.status,
			plate: manifests.plate,
			passengers: manifests.passengers,
			receivedCount: manifests.receivedCount
		})
		.from(manifests)
		.where(
			and(
				eq(manifests.responseId, responseId),
				eq(manifests.destProvincePcode, pcode),
				eq(manifests.departedOn, date),
				inArray(manifests.status, ['departed', 'arrived'])
			)
		)
		.orderBy(asc(manifests.id));
}
