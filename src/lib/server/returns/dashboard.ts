/**
 * The arrivals dashboard's figures: by day and crossing point, SADD, vulnerable groups,
 * destinations. People who crossed are counted at border crossing points only; a transit or
 * reception centre counts mostly the same people again, shown apart and never added to them.
 * Crossed = the destinations' sum + the people whose destination was not recorded.
 */
import { and, asc, eq, gt, gte, inArray, lte, ne, sql, sum } from 'drizzle-orm';
import { PEOPLE_FIELDS, peopleOf, type PeopleCount } from '$lib/domain/people';
import { CROSSING_KIND } from '$lib/domain/returns';
import type { Db } from '$lib/server/db';
import { first } from '$lib/server/db/transaction';
import { arrivalDayDestinations, arrivalTallies, locations } from '$lib/server/db/schema';

export interface DashboardFilter {
	from?: string;
	to?: string;
}

/** Which tallies: those at crossing points (people who crossed) or at the other places. */
type Counted = 'crossing' | 'transit';

const places = (db: Db, counted: Counted) =>
	db
		.select({ id: locations.id })
		.from(locations)
		.where(
			counted === 'crossing' ? eq(locations.kind, CROSSING_KIND) : ne(locations.kind, CROSSING_KIND)
		);

/** The tallies of a response over the filtered days, at one kind of place. */
export const talliesWithin = (
	db: Db,
	responseId: number,
	f: DashboardFilter,
	counted: Counted = 'crossing'
) =>
	and(
		eq(arrivalTallies.responseId, responseId),
		f.from ? gte(arrivalTallies.arrivedOn, f.from) : undefined,
		f.to ? lte(arrivalTallies.arrivedOn, f.to) : undefined,
		inArray(arrivalTallies.locationId, places(db, counted))
	);

async function dailyByLocation(db: Db, responseId: number, f: DashboardFilter = {}) {
	return db
		.select({
			locationId: arrivalTallies.locationId,
			date: arrivalTallies.arrivedOn,
			persons: sql<number>`sum(${arrivalTallies.persons})`
		})
		.from(arrivalTallies)
		.where(talliesWithin(db, responseId, f))
		.groupBy(arrivalTallies.arrivedOn, arrivalTallies.locationId)
		.orderBy(asc(arrivalTallies.arrivedOn));
}

/** Totals of people who crossed: SADD, vulnerable groups and referrals. */
export async function arrivalTotals(
	db: Db,
	responseId: number,
	f: DashboardFilter = {},
	counted: Counted = 'crossing'
) {
	const t = arrivalTallies;
	const cells = Object.fromEntries(
		PEOPLE_FIELDS.map((k) => [k, sql<number>`coalesce(sum(${t[k]}), 0)`])
	) as Record<keyof PeopleCount, ReturnType<typeof sql<number>>>;
	const row = await first(
		db
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
			.where(talliesWithin(db, responseId, f, counted))
	);
	if (!row) throw new Error('an aggregate query returned no row');
	return { ...row, people: peopleOf(row) };
}

/** People who crossed, by the destination province recorded for them. */
async function destinationTotals(db: Db, responseId: number, f: DashboardFilter = {}) {
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
		.having(gt(sql`sum(${d.persons})`, 0));
}

/** Persons per place of one kind, with where the place is. */
async function byPlace(db: Db, responseId: number, f: DashboardFilter, counted: Counted) {
	return db
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
		.where(talliesWithin(db, responseId, f, counted))
		.groupBy(locations.id)
		.orderBy(asc(locations.nameEn));
}

/**
 * The dashboard's list of crossing points: every active one, those without counts in the period
 * at 0 (a quiet crossing is news too), after the points that have counts.
 */
export async function everyCrossingPoint<P extends { id: number }>(db: Db, counted: P[]) {
	const seen = new Set(counted.map((p) => p.id));
	const active = await db
		.select({
			id: locations.id,
			nameEn: locations.nameEn,
			nameKm: locations.nameKm,
			lon: locations.lon,
			lat: locations.lat
		})
		.from(locations)
		.where(and(eq(locations.kind, CROSSING_KIND), eq(locations.active, true)))
		.orderBy(asc(locations.nameEn));
	const quiet = active.filter((l) => !seen.has(l.id)).map((l) => ({ ...l, persons: 0 }));
	return [...counted, ...quiet];
}

export async function arrivalsDashboard(db: Db, responseId: number, f: DashboardFilter = {}) {
	const totals = await arrivalTotals(db, responseId, f);
	const destinations = await destinationTotals(db, responseId, f);
	const recorded = destinations.reduce((s, d) => s + d.persons, 0);
	return {
		daily: await dailyByLocation(db, responseId, f),
		points: await byPlace(db, responseId, f, 'crossing'),
		totals,
		destinations,
		/** Crossed with no destination recorded: crossed = destinations + this. */
		notRecorded: totals.persons - recorded,
		/** Counted again at transit and reception centres: never added to those who crossed. */
		transit: await byPlace(db, responseId, f, 'transit')
	};
}
export type ArrivalsDashboard = Awaited<ReturnType<typeof arrivalsDashboard>>;
