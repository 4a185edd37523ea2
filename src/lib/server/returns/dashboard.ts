/**
 * The arrivals dashboard's figures: by day and crossing point, SADD, vulnerable groups,
 * destinations. People who crossed are counted at border crossing points only; a transit or
 * reception centre counts mostly the same people again, shown apart and never added to them.
 * Crossed = the destinations' sum + the people whose destination was not recorded.
 */
import { and, asc, eq, gt, gte, inArray, lte, ne, sql, sum, type Placeholder } from 'drizzle-orm';
import { PEOPLE_FIELDS, peopleOf, type PeopleCount } from '$lib/domain/people';
import { CROSSING_KIND } from '$lib/domain/returns';
import type { Db } from '$lib/server/db';
import { prepared } from '$lib/server/db/statements';
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

/** A day of the filter: a value, or a placeholder in a query built once. */
type Day = string | Placeholder;

/** The tallies of a response over the filtered days, at one kind of place. */
export const talliesWithin = (
	db: Db,
	responseId: number | Placeholder,
	f: { from?: Day; to?: Day },
	counted: Counted = 'crossing'
) =>
	and(
		eq(arrivalTallies.responseId, responseId),
		f.from ? gte(arrivalTallies.arrivedOn, f.from) : undefined,
		f.to ? lte(arrivalTallies.arrivedOn, f.to) : undefined,
		inArray(arrivalTallies.locationId, places(db, counted))
	);

/**
 * The dashboard's queries are built once per filter shape (which of its days are set) with
 * placeholders (`prepared`), and run with the response and days: building them was a tenth of
 * a dashboard's CPU. They read the tables each time, so a write shows at once.
 */
const shapeOf = (f: DashboardFilter) => `${f.from ? 'from' : ''}-${f.to ? 'to' : ''}`;
const bound = {
	responseId: sql.placeholder('responseId'),
	from: sql.placeholder('from'),
	to: sql.placeholder('to')
};
/** The filter's days as placeholders, where it has them. */
const boundDays = (f: DashboardFilter) => ({
	from: f.from ? bound.from : undefined,
	to: f.to ? bound.to : undefined
});
const valuesOf = (responseId: number, f: DashboardFilter) => ({
	responseId,
	from: f.from,
	to: f.to
});

async function dailyByLocation(db: Db, responseId: number, f: DashboardFilter = {}) {
	return prepared(db, `returns.dashboard.daily.${shapeOf(f)}`, (d) =>
		d
			.select({
				locationId: arrivalTallies.locationId,
				date: arrivalTallies.arrivedOn,
				persons: sql<number>`sum(${arrivalTallies.persons})`
			})
			.from(arrivalTallies)
			.where(talliesWithin(d, bound.responseId, boundDays(f)))
			.groupBy(arrivalTallies.arrivedOn, arrivalTallies.locationId)
			.orderBy(asc(arrivalTallies.arrivedOn))
			.prepare()
	).execute(valuesOf(responseId, f));
}

/** Totals of people who crossed: SADD, vulnerable groups and referrals. */
export async function arrivalTotals(
	db: Db,
	responseId: number,
	f: DashboardFilter = {},
	counted: Counted = 'crossing'
) {
	const t = arrivalTallies;
	const [row] = await prepared(db, `returns.dashboard.totals.${counted}.${shapeOf(f)}`, (d) => {
		const cells = Object.fromEntries(
			PEOPLE_FIELDS.map((k) => [k, sql<number>`coalesce(sum(${t[k]}), 0)`])
		) as Record<keyof PeopleCount, ReturnType<typeof sql<number>>>;
		return d
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
			.where(talliesWithin(d, bound.responseId, boundDays(f), counted))
			.prepare();
	}).execute(valuesOf(responseId, f));
	if (!row) throw new Error('an aggregate query returned no row');
	return { ...row, people: peopleOf(row) };
}

/** People who crossed, by the destination province recorded for them. */
async function destinationTotals(db: Db, responseId: number, f: DashboardFilter = {}) {
	const d = arrivalDayDestinations;
	return prepared(db, `returns.dashboard.destinations.${shapeOf(f)}`, (q) =>
		q
			.select({ pcode: d.provincePcode, persons: sql<number>`sum(${d.persons})` })
			.from(d)
			.where(
				and(
					eq(d.responseId, bound.responseId),
					f.from ? gte(d.arrivedOn, bound.from) : undefined,
					f.to ? lte(d.arrivedOn, bound.to) : undefined
				)
			)
			.groupBy(d.provincePcode)
			.having(gt(sql`sum(${d.persons})`, 0))
			.prepare()
	).execute(valuesOf(responseId, f));
}

/** Persons per place of one kind, with where the place is. */
async function byPlace(db: Db, responseId: number, f: DashboardFilter, counted: Counted) {
	return prepared(db, `returns.dashboard.byPlace.${counted}.${shapeOf(f)}`, (d) =>
		d
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
			.where(talliesWithin(d, bound.responseId, boundDays(f), counted))
			.groupBy(locations.id)
			.orderBy(asc(locations.nameEn))
			.prepare()
	).execute(valuesOf(responseId, f));
}

/**
 * The dashboard's list of crossing points: every active one, those without counts in the period
 * at 0 (a quiet crossing is news too), after the points that have counts.
 */
export async function everyCrossingPoint<P extends { id: number }>(db: Db, counted: P[]) {
	const seen = new Set(counted.map((p) => p.id));
	const active = await prepared(db, 'returns.dashboard.activePoints', (d) =>
		d
			.select({
				id: locations.id,
				nameEn: locations.nameEn,
				nameKm: locations.nameKm,
				lon: locations.lon,
				lat: locations.lat
			})
			.from(locations)
			.where(and(eq(locations.kind, CROSSING_KIND), eq(locations.active, true)))
			.orderBy(asc(locations.nameEn))
			.prepare()
	).execute();
	const quiet = active.filter((l) => !seen.has(l.id)).map((l) => ({ ...l, persons: 0 }));
	return [...counted, ...quiet];
}

/**
 * What the dashboard's charts are drawn from: persons per day and crossing point, and every
 * crossing point (as the dashboard lists them), for a chart asked for on its own.
 */
export async function arrivalsByDay(db: Db, responseId: number, f: DashboardFilter = {}) {
	return {
		daily: await dailyByLocation(db, responseId, f),
		points: await everyCrossingPoint(db, await byPlace(db, responseId, f, 'crossing'))
	};
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
