/**
 * The Shelter Sector's key figures for a sitrep, as they stood at `asOf`: sites open that day,
 * the people in them by their latest count at or before that time, and households reached and
 * NFI distributed by validated 4W rows that had started by that day.
 */
import { and, eq, inArray, isNull, lte, or, gt, sql } from 'drizzle-orm';
import { todayInCambodia } from '$lib/domain/dates';
import { explodeLines } from '$lib/domain/shelter';
import {
	nfiCatalogue,
	shelterActivities,
	shelterActivityItems,
	shelterSites
} from '$lib/server/db/schema';
import type { FigureProvider, KeyFigure } from '$lib/server/sitreps/figures';
import { kitParts } from './catalogue';
import { latestPopulation } from './sites';

export const shelterFigures: FigureProvider = (db, responseId, asOf) => {
	// A response without shelter work gets no shelter section at all.
	const inResponse = (t: typeof shelterSites | typeof shelterActivities) =>
		db.select({ id: t.id }).from(t).where(eq(t.responseId, responseId)).limit(1).get();
	if (!inResponse(shelterSites) && !inResponse(shelterActivities)) return [];
	const day = todayInCambodia(asOf);
	const filters = { responseId: String(responseId) };
	const figure = (
		key: string,
		labelEn: string,
		labelKm: string,
		value: number,
		dataset: string,
		extra: Record<string, string> = {}
	): KeyFigure => ({
		key: `shelter.${key}`,
		section: 'shelter',
		labelEn,
		labelKm,
		value,
		source: { dataset, filters: { ...filters, ...extra } }
	});

	const latest = latestPopulation(db, asOf);
	const open = db
		.select({
			sites: sql<number>`count(*)`,
			persons: sql<number>`coalesce(sum(${latest.persons}), 0)`,
			households: sql<number>`coalesce(sum(${latest.households}), 0)`
		})
		.from(shelterSites)
		.leftJoin(latest, eq(latest.siteId, shelterSites.id))
		.where(
			and(
				eq(shelterSites.responseId, responseId),
				lte(shelterSites.openedOn, day),
				or(isNull(shelterSites.closedOn), gt(shelterSites.closedOn, day))
			)
		)
		.get() ?? { sites: 0, persons: 0, households: 0 };

	const counted = and(
		eq(shelterActivities.responseId, responseId),
		eq(shelterActivities.reviewState, 'validated'),
		lte(shelterActivities.startDate, day)
	);
	const reached = db
		.select({
			households: sql<number>`coalesce(sum(${shelterActivities.reachedHouseholds}), 0)`,
			persons: sql<number>`coalesce(sum(${shelterActivities.reachedPersons}), 0)`
		})
		.from(shelterActivities)
		.where(counted)
		.get() ?? { households: 0, persons: 0 };

	const lines = db
		.select({
			catalogueId: shelterActivityItems.catalogueId,
			quantity: sql<number>`sum(${shelterActivityItems.quantity})`
		})
		.from(shelterActivityItems)
		.innerJoin(shelterActivities, eq(shelterActivities.id, shelterActivityItems.activityId))
		.where(counted)
		.groupBy(shelterActivityItems.catalogueId)
		.all();
	const distributed = explodeLines(lines, kitParts(db));
	const items = distributed.size
		? db
				.select()
				.from(nfiCatalogue)
				.where(inArray(nfiCatalogue.id, [...distributed.keys()]))
				.orderBy(nfiCatalogue.code)
				.all()
		: [];

	return [
		figure('sites.open', 'Shelter sites open', 'ទីតាំងស្នាក់នៅដែលបើក', open.sites, 'sites', {
			status: 'open'
		}),
		figure(
			'sites.persons',
			'People in shelter sites',
			'មនុស្សនៅក្នុងទីតាំងស្នាក់នៅ',
			open.persons,
			'site-population'
		),
		figure(
			'sites.households',
			'Households in shelter sites',
			'គ្រួសារនៅក្នុងទីតាំងស្នាក់នៅ',
			open.households,
			'site-population'
		),
		figure(
			'reached.households',
			'Households reached',
			'គ្រួសារដែលបានទទួលជំនួយ',
			reached.households,
			'activities',
			{
				reviewState: 'validated'
			}
		),
		figure('reached.persons', 'People reached', 'មនុស្សដែលបានទទួលជំនួយ', reached.persons, 'activities', {
			reviewState: 'validated'
		}),
		...items.map((item) =>
			figure(
				`nfi.${item.code}`,
				`${item.nameEn} distributed (${item.unit})`,
				`${item.nameKm} បានចែក`,
				distributed.get(item.id) ?? 0,
				'activities',
				{ reviewState: 'validated' }
			)
		)
	];
};
