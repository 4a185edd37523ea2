/**
 * The mass return's key figures for a sitrep as of a moment: returnees by the day they crossed
 * (on or before the Cambodian day of `asOf`) at border crossing points (a transit centre's count
 * is of people who crossed already), people dispatched by the time their vehicle left, and
 * people arrived home by the time the receiving team confirmed it.
 */
import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { todayInCambodia } from '$lib/domain/dates';
import { CROSSING_KIND } from '$lib/domain/returns';
import type { Db } from '$lib/server/db';
import { arrivalTallies, locations, manifests } from '$lib/server/db/schema';
import type { FigureProvider, KeyFigure } from '$lib/server/sitreps/figures';

const slug = (s: string) =>
	s
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

export const returnsFigures: FigureProvider = (db: Db, responseId: number, asOf: Date) => {
	// A response without a mass return (a flood, say) gets no returns section at all.
	const inResponse = (t: typeof arrivalTallies | typeof manifests) =>
		db.select({ id: t.id }).from(t).where(eq(t.responseId, responseId)).limit(1).get();
	if (!inResponse(arrivalTallies) && !inResponse(manifests)) return [];
	const day = todayInCambodia(asOf);
	const byPoint = db
		.select({
			nameEn: locations.nameEn,
			nameKm: locations.nameKm,
			pcode: locations.pcode,
			persons: sql<number>`sum(${arrivalTallies.persons})`
		})
		.from(arrivalTallies)
		.innerJoin(locations, eq(locations.id, arrivalTallies.locationId))
		.where(
			and(
				eq(arrivalTallies.responseId, responseId),
				lte(arrivalTallies.arrivedOn, day),
				eq(locations.kind, CROSSING_KIND)
			)
		)
		.groupBy(locations.id)
		.orderBy(sql`sum(${arrivalTallies.persons}) desc`)
		.all();
	const moved = db
		.select({
			dispatched: sql<number>`coalesce(sum(case when ${manifests.departedAt} <= ${asOf.getTime()} then ${manifests.passengers} else 0 end), 0)`,
			arrived: sql<number>`coalesce(sum(case when ${manifests.arrivedAt} <= ${asOf.getTime()} then ${manifests.receivedCount} else 0 end), 0)`
		})
		.from(manifests)
		.where(and(eq(manifests.responseId, responseId), isNotNull(manifests.departedAt)))
		.get() ?? { dispatched: 0, arrived: 0 };
	const filters = { responseId: String(responseId), to: day };
	const total = byPoint.reduce((s, p) => s + p.persons, 0);
	const figures: KeyFigure[] = [
		{
			key: 'returns.arrivals.total',
			section: 'returns',
			labelEn: 'Returnees to date',
			labelKm: 'អ្នកវិលត្រឡប់មកវិញរហូតមកដល់ពេលនេះ',
			value: total,
			source: { dataset: 'arrivals', filters }
		},
		...byPoint.map((p) => ({
			key: `returns.arrivals.${[p.pcode, slug(p.nameEn)].filter(Boolean).join('-')}`,
			section: 'returns',
			labelEn: `Returnees through ${p.nameEn}`,
			labelKm: `អ្នកវិលត្រឡប់តាមច្រក ${p.nameKm}`,
			value: p.persons,
			source: { dataset: 'arrivals', filters }
		})),
		{
			key: 'returns.dispatched',
			section: 'returns',
			labelEn: 'People transported towards their home province',
			labelKm: 'ចំនួនមនុស្សដែលបានដឹកជញ្ជូនទៅខេត្តកំណើត',
			value: moved.dispatched,
			source: { dataset: 'manifests', filters }
		},
		{
			key: 'returns.arrived',
			section: 'returns',
			labelEn: 'People confirmed arrived home',
			labelKm: 'ចំនួនមនុស្សដែលបានបញ្ជាក់ថាមកដល់ផ្ទះ',
			value: moved.arrived,
			source: { dataset: 'manifests', filters: { ...filters, status: 'arrived' } }
		}
	];
	return figures;
};
