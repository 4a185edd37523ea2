/** The arrivals dashboard's figures: by day and crossing point, SADD, vulnerable groups, destinations. */
import { and, asc, eq, gt, gte, lte, sql, sum } from 'drizzle-orm';
import { PEOPLE_FIELDS, peopleOf, type PeopleCount } from '$lib/domain/people';
import type { Db } from '$lib/server/db';
import { arrivalDayDestinations, arrivalTallies, locations } from '$lib/server/db/schema';

export interface DashboardFilter {
	from?: string;
	to?: string;
}

const within = (responseId: number, f: DashboardFilter) =>
	and(
		eq(arrivalTallies.responseId, responseId),
		f.from ? gte(arrivalTallies.arrivedOn, f.from) : undefined,
		f.to ? lte(arrivalTallies.arrivedOn, f.to) : undefined
	);

export function dailyByLocation(db: Db, responseId: number, f: DashboardFilter = {}) {
	return db
		.select({
			locationId: arrivalTallies.locationId,
			date: arrivalTallies.arrivedOn,
			persons: sql<number>`sum(${arrivalTallies.persons})`
		})
		.from(arrivalTallies)
		.where(within(responseId, f))
		.groupBy(arrivalTallies.arrivedOn, arrivalTallies.locationId)
		.orderBy(asc(arrivalTallies.arrivedOn))
		.all();
}

export function arrivalTotals(db: Db, responseId: number, f: DashboardFilter = {}) {
	const t = arrivalTallies;
	const cells = Object.fromEntries(
		PEOPLE_FIELDS.map((k) => [k, sql<number>`coalesce(sum(${t[k]}), 0)`])
	) as Record<keyof PeopleCount, ReturnType<typeof sql<number>>>;
	const row = db
		.select({
			...cells,
			persons: sql<number>`coalesce(sum(${t.persons}), 0)`,
			unaccompaniedChildren: sql<number>`coalesce(sum(${t.unaccompaniedChildren}), 0)`,
			pregnantLactating: sql<number>`coalesce(sum(${t.pregnantLactating}), 0)`,
			healthReferrals: sql<number>`coalesce(sum(${t.healthReferrals}), 0)`,
			traffickingReferrals: sql<number>`coalesce(sum(${t.traffickingReferrals}), 0)`,
			tallies: sql<number>`count(*)`
		})
		.from(t)
		.where(within(responseId, f))
		.get();
	if (!row) throw new Error('an aggregate query returned no row');
	return { ...row, people: peopleOf(row) };
}

export function destinationTotals(db: Db, responseId: number, f: DashboardFilter = {}) {
	const d = arrivalDayDestinations;
	return db
		.select({ pcode: d.provincePcode, persons: sql<number>`sum(${d.persons})` })
		.from(d)
		.where(
			and(
				eq(d.responseId, responseId),
				f.from ? gte(d.arrivedOn, f.from) : undefined,
				f.to ? lte(d.arrivedOn, f.to) : undefined
			)
		)
		.groupBy(d.provincePcode)
		.having(gt(sql`sum(${d.persons})`, 0))
		.all();
}

export function arrivalsDashboard(db: Db, responseId: number, f: DashboardFilter = {}) {
	const daily = dailyByLocation(db, responseId, f);
	const ids = new Set(daily.map((d) => d.locationId));
	const points = db
		.select({
			id: locations.id,
			nameEn: locations.nameEn,
			nameKm: locations.nameKm,
			lon: locations.lon,
			lat: locations.lat,
			persons: sum(arrivalTallies.persons).mapWith(Number)
		})
		.from(locations)
		.innerJoin(arrivalTallies, eq(arrivalTallies.locationId, locations.id))
		.where(within(responseId, f))
		.groupBy(locations.id)
		.all()
		.filter((p) => ids.has(p.id));
	return {
		daily,
		points,
		totals: arrivalTotals(db, responseId, f),
		destinations: destinationTotals(db, responseId, f)
	};
}
export type ArrivalsDashboard = ReturnType<typeof arrivalsDashboard>;
