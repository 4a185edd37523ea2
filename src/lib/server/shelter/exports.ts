/**
 * The Shelter Sector's exportable lists: sites with their current occupancy, every population
 * update, and the 4W rows (as the matrix shows them to the same person), with HXL hashtags.
 */
import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { endOfDayInCambodia } from '$lib/domain/dates';
import { z } from 'zod';
import { peopleOf, totalBySex } from '$lib/domain/people';
import { matrixFilterSchema, siteFilterSchema, type Occupancy } from '$lib/domain/shelter';
import type { Db } from '$lib/server/db';
import {
	nfiCatalogue,
	organisations,
	shelterActivities,
	shelterActivityItems,
	shelterPopulation,
	shelterPopulationRetractions,
	shelterSites,
	type ShelterActivity,
	type ShelterPopulationRow,
	type ShelterSite
} from '$lib/server/db/schema';
import { peopleColumns, type Dataset, type ExportColumn } from '$lib/server/exports/dataset';
import { keysetPages } from '$lib/server/exports/keyset';
import { matrixWhere } from './matrix';
import { inForceSql } from './population';
import { listSites } from './sites';

/** Pages by increasing id with the exports' keyset reader: never the whole table. */
const byId = <Row extends { id: number }>(page: (after: number, limit: number) => Promise<Row[]>) =>
	keysetPages(
		(after: number | null, limit) => page(after ?? 0, limit),
		(r) => r.id
	);

// ---------------------------------------------------------------------------------------------

export type SiteExportRow = ShelterSite & {
	open: boolean;
	organisation: string;
	households: number | null;
	persons: number | null;
	asOf: Date | null;
	occupancy: Occupancy;
};

const siteColumns: ExportColumn<SiteExportRow>[] = [
	{ header: 'Site ID', hxl: '#loc+id', value: (r) => r.id },
	{ header: 'Response ID', hxl: '#crisis+id', value: (r) => r.responseId },
	{ header: 'Name', hxl: '#loc+name+i_en', value: (r) => r.nameEn },
	{ header: 'Name (Khmer)', hxl: '#loc+name+i_km', value: (r) => r.nameKm },
	{ header: 'Kind', hxl: '#loc+type', value: (r) => r.kind },
	{ header: 'Province P-code', hxl: '#adm1+code', value: (r) => r.provincePcode },
	{ header: 'District P-code', hxl: '#adm2+code', value: (r) => r.districtPcode },
	{ header: 'P-code', hxl: '#loc+code', value: (r) => r.pcode },
	{ header: 'Latitude', hxl: '#geo+lat', value: (r) => r.lat },
	{ header: 'Longitude', hxl: '#geo+lon', value: (r) => r.lon },
	{ header: 'Managing organisation', hxl: '#org+acronym+manager', value: (r) => r.organisation },
	// Open or closed on the export's as-of day, as the list and the totals count it.
	{ header: 'Status', hxl: '#status', value: (r) => (r.open ? 'open' : 'closed') },
	{ header: 'Opened', hxl: '#date+start', value: (r) => r.openedOn, type: 'day' },
	{ header: 'Closed', hxl: '#date+end', value: (r) => r.closedOn, type: 'day' },
	{ header: 'Capacity (persons)', hxl: '#capacity+num', value: (r) => r.capacity },
	{ header: 'Covered area (m2)', hxl: '#indicator+num+area_m2', value: (r) => r.coveredAreaM2 },
	{ header: 'Water points', hxl: '#indicator+num+water_points', value: (r) => r.waterPoints },
	{ header: 'Latrines', hxl: '#indicator+num+latrines', value: (r) => r.latrines },
	{
		header: 'Population as of',
		hxl: '#date+reported',
		value: (r) => r.asOf
	},
	{ header: 'Sheltered households', hxl: '#population+hh', value: (r) => r.households ?? 0 },
	{ header: 'Sheltered persons', hxl: '#population+ind', value: (r) => r.persons ?? 0 },
	{
		header: 'm2 per person',
		hxl: '#indicator+num+m2_per_person',
		value: (r) => r.occupancy.m2PerPerson
	},
	{
		header: 'Below Sphere 3.5 m2',
		hxl: '#indicator+below_sphere',
		value: (r) => r.occupancy.belowSphere
	}
];

const siteFilters = siteFilterSchema.extend({ responseId: z.coerce.number().int().positive() });

/** The sites list's rows with its filters: a response has hundreds of sites, not millions. */
export const sitesDataset: Dataset<SiteExportRow, z.output<typeof siteFilters>> = {
	name: 'sites',
	action: 'shelter.read',
	filters: siteFilters,
	columns: () => siteColumns,
	rows: async function* (db, _actor, f) {
		for (const s of await listSites(db, f)) {
			const { site, open, organisation, households, persons, asOf, occupancy } = s;
			yield { ...site, open, organisation, households, persons, asOf, occupancy };
		}
	},
	point: (r) => [r.lon, r.lat]
};

// ---------------------------------------------------------------------------------------------

export type PopulationExportRow = ShelterPopulationRow & {
	siteName: string;
	responseId: number;
	pcode: string | null;
	lon: number;
	lat: number;
	organisation: string;
	retractionReason: string | null;
	inForce: boolean;
};

const populationFilters = siteFilterSchema.extend({
	responseId: z.coerce.number().int().positive().optional()
});
type PopulationFilters = z.output<typeof populationFilters>;

/** The counts of the sites the list shows under the same filters, up to its as-of day. */
export const populationDataset: Dataset<PopulationExportRow, PopulationFilters> = {
	name: 'site-population',
	action: 'shelter.read',
	filters: populationFilters,
	columns: () => [
		{ header: 'Update ID', hxl: '#meta+id', value: (r) => r.id },
		{ header: 'Response ID', hxl: '#crisis+id', value: (r) => r.responseId },
		{ header: 'Site ID', hxl: '#loc+id', value: (r) => r.siteId },
		{ header: 'Site', hxl: '#loc+name+i_en', value: (r) => r.siteName },
		{ header: 'P-code', hxl: '#loc+code', value: (r) => r.pcode },
		{ header: 'As of', hxl: '#date+reported', value: (r) => r.asOf },
		{ header: 'Sheltered households', hxl: '#population+hh', value: (r) => r.households },
		{ header: 'Sheltered persons', hxl: '#population+ind', value: (r) => r.persons },
		...peopleColumns('Sheltered', '#population+ind', (r: PopulationExportRow, f) => r[f]),
		{ header: 'Reported by', hxl: '#org+acronym', value: (r) => r.organisation },
		{ header: 'Replaces update ID', hxl: '#meta+id+replaces', value: (r) => r.replacesId },
		{
			header: 'Correction reason',
			hxl: '#description+correction',
			value: (r) => r.correctionReason
		},
		{ header: 'Retracted', hxl: '#status+retracted', value: (r) => r.retractionReason !== null },
		{
			header: 'Retraction reason',
			hxl: '#description+retracted',
			value: (r) => r.retractionReason
		},
		{
			header: 'In force',
			hxl: '#status+in_force',
			value: (r) => r.inForce
		}
	],
	rows: async function* (db, _actor, f) {
		const sites = f.responseId
			? (await listSites(db, { ...f, responseId: f.responseId })).map((s) => s.site.id)
			: null;
		const before = f.asOf ? endOfDayInCambodia(f.asOf) : null;
		if (sites && !sites.length) return;
		yield* byId(async (after, limit) =>
			(
				await db
					.select({
						row: shelterPopulation,
						siteName: shelterSites.nameEn,
						responseId: shelterSites.responseId,
						pcode: shelterSites.pcode,
						lon: shelterSites.lon,
						lat: shelterSites.lat,
						organisation: organisations.acronym,
						retractionReason: shelterPopulationRetractions.reason,
						// SQLite answers 1/0, PostgreSQL true/false.
						inForce: sql<boolean>`${inForceSql(sql`${shelterPopulation.id}`)}`.mapWith(Boolean)
					})
					.from(shelterPopulation)
					.innerJoin(shelterSites, eq(shelterSites.id, shelterPopulation.siteId))
					.innerJoin(organisations, eq(organisations.id, shelterPopulation.organisationId))
					.leftJoin(
						shelterPopulationRetractions,
						eq(shelterPopulationRetractions.populationId, shelterPopulation.id)
					)
					.where(
						and(
							gt(shelterPopulation.id, after),
							sites ? inArray(shelterPopulation.siteId, sites) : undefined,
							before ? lt(shelterPopulation.asOf, before) : undefined
						)
					)
					.orderBy(asc(shelterPopulation.id))
					.limit(limit)
			).map(({ row, ...rest }) => ({ ...row, ...rest }))
		);
	},
	point: (r) => [r.lon, r.lat]
};

// ---------------------------------------------------------------------------------------------

/** The 4W matrix's filters, the response optional (an export may span every response). */
const activityFilter = matrixFilterSchema.extend({
	responseId: z.coerce.number().int().positive().optional()
});
type ActivityExportFilter = z.output<typeof activityFilter>;

export type ActivityExportRow = ShelterActivity & {
	organisation: string;
	partner: string | null;
	siteName: string | null;
	siteLon: number | null;
	siteLat: number | null;
	items: string;
};

const activityColumns: ExportColumn<ActivityExportRow>[] = [
	{ header: 'Activity ID', hxl: '#activity+id', value: (r) => r.id },
	{ header: 'Response ID', hxl: '#crisis+id', value: (r) => r.responseId },
	{ header: 'Reporting organisation', hxl: '#org+prog', value: (r) => r.organisation },
	{ header: 'Implementing partner', hxl: '#org+impl', value: (r) => r.partner },
	{ header: 'Donor', hxl: '#org+funder', value: (r) => r.donor },
	{ header: 'Activity', hxl: '#activity+type', value: (r) => r.activityType },
	{ header: 'Modality', hxl: '#modality', value: (r) => r.modality },
	{ header: 'Province P-code', hxl: '#adm1+code', value: (r) => r.provincePcode },
	{ header: 'District P-code', hxl: '#adm2+code', value: (r) => r.districtPcode },
	{ header: 'P-code', hxl: '#loc+code', value: (r) => r.pcode },
	{ header: 'Site', hxl: '#loc+name+i_en', value: (r) => r.siteName },
	{ header: 'Start', hxl: '#date+start', value: (r) => r.startDate, type: 'day' },
	{ header: 'End', hxl: '#date+end', value: (r) => r.endDate, type: 'day' },
	{ header: 'Status', hxl: '#status', value: (r) => r.status },
	{ header: 'Review', hxl: '#status+review', value: (r) => r.reviewState },
	{ header: 'Targeted households', hxl: '#targeted+hh', value: (r) => r.targetedHouseholds },
	{ header: 'Targeted persons', hxl: '#targeted+ind', value: (r) => r.targetedPersons },
	// The breakdown too, so an edited export imports back as it was.
	...peopleColumns('Targeted', '#targeted+ind', (r: ActivityExportRow, f) => r[`targeted_${f}`]),
	{ header: 'Reached households', hxl: '#reached+hh', value: (r) => r.reachedHouseholds },
	{ header: 'Reached persons', hxl: '#reached+ind', value: (r) => r.reachedPersons },
	{
		header: 'Reached female',
		hxl: '#reached+ind+f',
		value: (r) => totalBySex(peopleOf(r, 'reached_'), 'f')
	},
	{
		header: 'Reached male',
		hxl: '#reached+ind+m',
		value: (r) => totalBySex(peopleOf(r, 'reached_'), 'm')
	},
	...peopleColumns('Reached', '#reached+ind', (r: ActivityExportRow, f) => r[`reached_${f}`]),
	{ header: 'Items (code × quantity)', hxl: '#item+code+provided', value: (r) => r.items },
	{ header: 'Notes', hxl: '#description', value: (r) => r.note }
];

export const activitiesDataset: Dataset<ActivityExportRow, ActivityExportFilter> = {
	name: 'activities',
	action: 'shelter.read',
	filters: activityFilter,
	columns: () => activityColumns,
	rows: (db, actor, f) =>
		byId(async (after, limit) => {
			const rows = await db
				.select({
					row: shelterActivities,
					organisation: organisations.acronym,
					partner: sql<
						string | null
					>`(select o.acronym from ${organisations} o where o.id = ${shelterActivities.implementingPartnerId})`,
					siteName: shelterSites.nameEn,
					siteLon: shelterSites.lon,
					siteLat: shelterSites.lat
				})
				.from(shelterActivities)
				.innerJoin(organisations, eq(organisations.id, shelterActivities.organisationId))
				.leftJoin(shelterSites, eq(shelterSites.id, shelterActivities.siteId))
				.where(and(gt(shelterActivities.id, after), matrixWhere(actor, f)))
				.orderBy(asc(shelterActivities.id))
				.limit(limit);
			return (await withItems(db, rows)).map(({ row, ...rest }) => ({ ...row, ...rest }));
		}),
	point: (r) => (r.siteLon !== null && r.siteLat !== null ? [r.siteLon, r.siteLat] : null)
};

/** One batch's item lines, written `CODE×quantity; …` per row. */
async function withItems<T extends { row: { id: number } }>(
	db: Db,
	rows: T[]
): Promise<(T & { items: string })[]> {
	if (!rows.length) return [];
	const lines = await db
		.select({
			activityId: shelterActivityItems.activityId,
			code: nfiCatalogue.code,
			quantity: shelterActivityItems.quantity
		})
		.from(shelterActivityItems)
		.innerJoin(nfiCatalogue, eq(nfiCatalogue.id, shelterActivityItems.catalogueId))
		.where(
			inArray(
				shelterActivityItems.activityId,
				rows.map((r) => r.row.id)
			)
		)
		.orderBy(asc(shelterActivityItems.id));
	const byActivity = new Map<number, string[]>();
	for (const l of lines) {
		const list = byActivity.get(l.activityId) ?? [];
		list.push(`${l.code}×${l.quantity}`);
		byActivity.set(l.activityId, list);
	}
	return rows.map((r) => ({ ...r, items: (byActivity.get(r.row.id) ?? []).join('; ') }));
}

export const shelterDatasets = [sitesDataset, populationDataset, activitiesDataset] as const;
