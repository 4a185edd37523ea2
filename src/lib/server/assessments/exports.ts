/**
 * The `assessments` export: the list page's records with every field, for the same people
 * (coordinators all organisations', partners and field teams their own) and the same filters.
 */
import { aliasedTable, and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { assessmentApiFilters, NEED_ITEMS, quantityKey } from '$lib/domain/assessments';
import { peopleHeader, peopleHxl } from '$lib/domain/hxl';
import { PEOPLE_FIELDS } from '$lib/domain/people';
import { can } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { adminAreas, assessments, organisations } from '$lib/server/db/schema';
import type { Dataset, ExportColumn } from '$lib/server/exports/dataset';
import { keysetPages } from '$lib/server/exports/keyset';
import { assessmentConditions, latestReview } from './queries';

const assessmentExportFilters = z.object({
	...assessmentApiFilters,
	/** Coordinators may narrow to one organisation; others always get their own. */
	organisationId: z.coerce.number().int().positive().optional(),
	/** The list's "likely duplicates only" box (`on` as a form sends it). */
	flagged: z
		.enum(['on', '1', 'true', '0', 'false'])
		.optional()
		.transform((v) => v === 'on' || v === '1' || v === 'true')
});
export type AssessmentExportFilters = z.output<typeof assessmentExportFilters>;

const province = aliasedTable(adminAreas, 'province');
const district = aliasedTable(adminAreas, 'district');

function page(db: Db, actor: Parameters<typeof can>[0], f: AssessmentExportFilters) {
	const everyOrganisation = can(actor, 'assessment.read', { organisationId: null });
	const where = assessmentConditions({
		responseId: f.responseId,
		organisationId: everyOrganisation ? f.organisationId : actor?.organisationId,
		area: f.area,
		from: f.from,
		to: f.to,
		access: f.access,
		flagged: f.flagged
	});
	// By day then arrival: the order of the (response, day) index, so no page sorts the table.
	return (after: [string, number] | null, limit: number) =>
		db
			.select({
				a: assessments,
				organisation: organisations.acronym,
				provinceEn: province.nameEn,
				provinceKm: province.nameKm,
				districtEn: district.nameEn,
				districtKm: district.nameKm,
				areaEn: adminAreas.nameEn,
				areaKm: adminAreas.nameKm,
				review: sql<'duplicate' | 'distinct' | null>`${latestReview}`
			})
			.from(assessments)
			.innerJoin(organisations, eq(organisations.id, assessments.organisationId))
			.leftJoin(province, eq(province.pcode, assessments.provincePcode))
			.leftJoin(district, eq(district.pcode, assessments.districtPcode))
			.leftJoin(adminAreas, eq(adminAreas.pcode, assessments.pcode))
			.where(
				and(
					where,
					after
						? sql`(${assessments.observedOn}, ${assessments.seq}) > (${after[0]}, ${after[1]})`
						: undefined
				)
			)
			.orderBy(asc(assessments.observedOn), asc(assessments.seq))
			.limit(limit)
			.all();
}
export type AssessmentExportRow = ReturnType<ReturnType<typeof page>>[number];

type Column = ExportColumn<AssessmentExportRow>;
const col = (
	header: string,
	hxl: string,
	value: Column['value'],
	type?: Column['type']
): Column => ({ header, hxl, value, type });

/** `shelterKits` → `shelter_kits`, the attribute of its quantity. */
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const itemHeader = (item: string) => snake(item).replace(/_/g, ' ');

const ASSESSMENT_COLUMNS: Column[] = [
	col('Assessment ID', '#meta+id', (r) => r.a.id),
	col('Sequence', '#meta+seq', (r) => r.a.seq),
	col('Response ID', '#crisis+id', (r) => r.a.responseId),
	col('Observed on', '#date+assessed', (r) => r.a.observedOn, 'day'),
	col('Received at', '#date+reported', (r) => r.a.receivedAt),
	col('Organisation', '#org+acronym', (r) => r.organisation),
	col('Province P-code', '#adm1+code', (r) => r.a.provincePcode),
	col('Province', '#adm1+name+i_en', (r) => r.provinceEn),
	col('Province (Khmer)', '#adm1+name+i_km', (r) => r.provinceKm),
	col('District P-code', '#adm2+code', (r) => r.a.districtPcode),
	col('District', '#adm2+name+i_en', (r) => r.districtEn),
	col('District (Khmer)', '#adm2+name+i_km', (r) => r.districtKm),
	col('Area P-code', '#loc+code', (r) => r.a.pcode),
	col('Area', '#loc+name+i_en', (r) => r.areaEn),
	col('Area (Khmer)', '#loc+name+i_km', (r) => r.areaKm),
	col('P-code source', '#loc+code+source', (r) => r.a.pcodeSource),
	// Beside a given P-code, where the point is: the two can disagree.
	col('Point P-code', '#loc+code+point', (r) => r.a.pointPcode),
	col('Village', '#loc+name+village', (r) => r.a.villageName),
	col('Latitude', '#geo+lat', (r) => r.a.lat),
	col('Longitude', '#geo+lon', (r) => r.a.lon),
	col('Accuracy (m)', '#geo+accuracy', (r) => r.a.accuracyM),
	col('Location source', '#geo+source', (r) => r.a.locationSource),
	col('Affected households', '#affected+hh', (r) => r.a.affectedHouseholds),
	col('Affected persons', '#affected+ind', (r) => r.a.affectedPersons),
	...PEOPLE_FIELDS.map((field) =>
		col(
			peopleHeader('Affected', field),
			peopleHxl('#affected+ind', field),
			(r) => r.a[`affected_${field}`]
		)
	),
	col('Displaced households', '#affected+displaced+hh', (r) => r.a.displacedHouseholds),
	col('Displaced persons', '#affected+displaced+ind', (r) => r.a.displacedPersons),
	col('Displaced households in sites', '#affected+displaced+hh+sites', (r) => r.a.displacedHhSites),
	col('Displaced households with hosts', '#affected+displaced+hh+host', (r) => r.a.displacedHhHost),
	col(
		'Displaced households by the roadside',
		'#affected+displaced+hh+roadside',
		(r) => r.a.displacedHhRoadside
	),
	col('Deaths', '#affected+killed', (r) => r.a.deaths),
	col('Injured', '#affected+injured', (r) => r.a.injured),
	col('Missing', '#affected+missing', (r) => r.a.missing),
	col('Houses', '#impact+houses', (r) => r.a.houses),
	col('Houses flooded', '#impact+houses+flooded', (r) => r.a.housesFlooded),
	col('Houses damaged', '#impact+houses+damaged', (r) => r.a.housesDamaged),
	col('Houses destroyed', '#impact+houses+destroyed', (r) => r.a.housesDestroyed),
	col('Access', '#access+type', (r) => r.a.access),
	col('Drinking water', '#status+water', (r) => r.a.waterState),
	col('Sanitation', '#status+sanitation', (r) => r.a.sanitationState),
	col('Priority needs, most urgent first', '#need+list', (r) => r.a.needs.join(' ')),
	...NEED_ITEMS.map((item) =>
		col(`Needed: ${itemHeader(item)}`, `#need+num+${snake(item)}`, (r) => r.a[quantityKey(item)])
	),
	col('Notes', '#description', (r) => r.a.notes),
	col('Duplicate review', '#meta+review', (r) => r.review)
];

export const assessmentsDataset: Dataset<AssessmentExportRow, AssessmentExportFilters> = {
	name: 'assessments',
	action: 'assessment.read',
	filters: assessmentExportFilters,
	// Organisations, places and counts only: who submitted is not in the file.
	columns: () => ASSESSMENT_COLUMNS,
	personal: () => false,
	rows: (db, actor, filters) =>
		keysetPages(page(db, actor, filters), (r): [string, number] => [r.a.observedOn, r.a.seq]),
	point: (r) => [r.a.lon, r.a.lat]
};
