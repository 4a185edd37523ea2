/**
 * The `assessments` export: the list page's records with every field, for the same people
 * (coordinators all organisations', partners and field teams their own) and the same filters.
 */
import { aliasedTable, and, asc, eq, gt, sql, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import { assessmentApiFilters, NEED_ITEMS, quantityKey } from '$lib/domain/assessments';
import { peopleHeader, peopleHxl } from '$lib/domain/hxl';
import { PEOPLE_FIELDS } from '$lib/domain/people';
import { can } from '$lib/domain/policy';
import { preparedArrays } from '$lib/server/db/raw';
import { engineOf, type Db } from '$lib/server/db';
import { adminAreas, assessments, organisations } from '$lib/server/db/schema';
import type { Cell, Dataset, ExportColumn } from '$lib/server/exports/dataset';
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

/** A row as SQLite gives it, one value per column below, in their order: no object per row. */
export type AssessmentExportRow = unknown[];

type Column = ExportColumn<AssessmentExportRow>;
/** A column: what it selects, and how the stored value reads as a cell (as it is by default). */
interface Source {
	header: string;
	hxl: string;
	select: SQLWrapper;
	read?: (v: unknown) => Cell;
	type?: Column['type'];
}
const col = (
	header: string,
	hxl: string,
	select: SQLWrapper,
	read?: Source['read'],
	type?: Source['type']
): Source => ({ header, hxl, select, read, type });
const day = (header: string, hxl: string, select: SQLWrapper) =>
	col(header, hxl, select, undefined, 'day');
/**
 * A moment: SQLite hands over the stored milliseconds, PostgreSQL the Date its column maps
 * (see `SELECTION`); `new Date` takes either.
 */
const instant = (v: unknown) => (v === null ? null : new Date(v as number | Date));

/** `shelterKits` → `shelter_kits`, the attribute of its quantity. */
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const itemHeader = (item: string) => snake(item).replace(/_/g, ' ');

const a = assessments;
const SOURCES: Source[] = [
	col('Assessment ID', '#meta+id', a.id),
	col('Sequence', '#meta+seq', a.seq),
	col('Response ID', '#crisis+id', a.responseId),
	day('Observed on', '#date+assessed', a.observedOn),
	col('Received at', '#date+reported', a.receivedAt, instant),
	col('Organisation', '#org+acronym', organisations.acronym),
	col('Province P-code', '#adm1+code', a.provincePcode),
	col('Province', '#adm1+name+i_en', province.nameEn),
	col('Province (Khmer)', '#adm1+name+i_km', province.nameKm),
	col('District P-code', '#adm2+code', a.districtPcode),
	col('District', '#adm2+name+i_en', district.nameEn),
	col('District (Khmer)', '#adm2+name+i_km', district.nameKm),
	col('Area P-code', '#loc+code', a.pcode),
	col('Area', '#loc+name+i_en', adminAreas.nameEn),
	col('Area (Khmer)', '#loc+name+i_km', adminAreas.nameKm),
	col('P-code source', '#loc+code+source', a.pcodeSource),
	// Beside a given P-code, where the point is: the two can disagree.
	col('Point P-code', '#loc+code+point', a.pointPcode),
	col('Village', '#loc+name+village', a.villageName),
	col('Latitude', '#geo+lat', a.lat),
	col('Longitude', '#geo+lon', a.lon),
	col('Accuracy (m)', '#geo+accuracy', a.accuracyM),
	col('Location source', '#geo+source', a.locationSource),
	col('Affected households', '#affected+hh', a.affectedHouseholds),
	col('Affected persons', '#affected+ind', a.affectedPersons),
	...PEOPLE_FIELDS.map((field) =>
		col(peopleHeader('Affected', field), peopleHxl('#affected+ind', field), a[`affected_${field}`])
	),
	col('Displaced households', '#affected+displaced+hh', a.displacedHouseholds),
	col('Displaced persons', '#affected+displaced+ind', a.displacedPersons),
	col('Displaced households in sites', '#affected+displaced+hh+sites', a.displacedHhSites),
	col('Displaced households with hosts', '#affected+displaced+hh+host', a.displacedHhHost),
	col(
		'Displaced households by the roadside',
		'#affected+displaced+hh+roadside',
		a.displacedHhRoadside
	),
	col('Deaths', '#affected+killed', a.deaths),
	col('Injured', '#affected+injured', a.injured),
	col('Missing', '#affected+missing', a.missing),
	col('Houses', '#impact+houses', a.houses),
	col('Houses flooded', '#impact+houses+flooded', a.housesFlooded),
	col('Houses damaged', '#impact+houses+damaged', a.housesDamaged),
	col('Houses destroyed', '#impact+houses+destroyed', a.housesDestroyed),
	col('Access', '#access+type', a.access),
	col('Drinking water', '#status+water', a.waterState),
	col('Sanitation', '#status+sanitation', a.sanitationState),
	// A JSON list of need codes, selected as its text on both engines (PostgreSQL's driver
	// would parse a json column itself).
	col('Priority needs, most urgent first', '#need+list', sql`cast(${a.needs} as text)`, (v) =>
		(JSON.parse(v as string) as string[]).join(' ')
	),
	...NEED_ITEMS.map((item) =>
		col(`Needed: ${itemHeader(item)}`, `#need+num+${snake(item)}`, a[quantityKey(item)])
	),
	col('Notes', '#description', a.notes),
	col('Duplicate review', '#meta+review', latestReview)
];

const ASSESSMENT_COLUMNS: Column[] = SOURCES.map(({ header, hxl, type, read }, i) => ({
	header,
	hxl,
	type,
	value: read ? (r) => read(r[i]) : (r) => r[i] as Cell
}));
const at = (column: SQLWrapper) => SOURCES.findIndex((c) => c.select === column);
const OBSERVED_ON = at(a.observedOn);
const SEQ = at(a.seq);
const LON = at(a.lon);
const LAT = at(a.lat);
/**
 * Plain SQL columns, so SQLite returns each value as stored and nothing maps it. PostgreSQL's
 * driver hands a timestamp over as its text: the column's own mapping makes it a Date there.
 */
const SELECTION = Object.fromEntries(
	SOURCES.map((c, i) => [
		`c${i}`,
		c.select === a.receivedAt ? sql`${c.select}`.mapWith(a.receivedAt) : sql`${c.select}`
	])
);

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
	// Rows as arrays (`.values()` is better-sqlite3's `.raw()`), in the order of the
	// (response, day) index, whose entries end with the seq: within a day `seq > ?` starts
	// right at the next row, where `(day, seq) > (?, ?)` walked the day from its start on every
	// page (quadratic in a day's rows). So a page is the rest of its day, then the days after.
	const select = () =>
		db
			.select(SELECTION)
			.from(assessments)
			.innerJoin(organisations, eq(organisations.id, assessments.organisationId))
			.leftJoin(province, eq(province.pcode, assessments.provincePcode))
			.leftJoin(district, eq(district.pcode, assessments.districtPcode))
			.leftJoin(adminAreas, eq(adminAreas.pcode, assessments.pcode));
	const day = sql.placeholder('day');
	const limit = sql.placeholder('limit');
	const sameDay = select()
		.where(and(where, eq(assessments.observedOn, day), gt(assessments.seq, sql.placeholder('seq'))))
		.orderBy(asc(assessments.seq))
		.limit(limit)
		.prepare();
	const laterDays = select()
		.where(and(where, gt(assessments.observedOn, day)))
		.orderBy(asc(assessments.observedOn), asc(assessments.seq))
		.limit(limit)
		.prepare();
	const sameDayRows = preparedArrays(sameDay);
	const laterDaysRows = preparedArrays(laterDays);
	return async (after: [string, number] | null, size: number): Promise<unknown[][]> => {
		// The first page starts after '', before every day.
		if (!after) return laterDaysRows({ day: '', limit: size });
		const rows = await sameDayRows({ day: after[0], seq: after[1], limit: size });
		if (rows.length === size) return rows;
		const more = await laterDaysRows({ day: after[0], limit: size - rows.length });
		return rows.concat(more);
	};
}

export const assessmentsDataset: Dataset<AssessmentExportRow, AssessmentExportFilters> = {
	name: 'assessments',
	action: 'assessment.read',
	filters: assessmentExportFilters,
	// Organisations, places and counts only: who submitted is not in the file.
	columns: () => ASSESSMENT_COLUMNS,
	personal: () => false,
	rows: (db, actor, filters) =>
		keysetPages(
			page(db, actor, filters),
			(r): [string, number] => [r[OBSERVED_ON] as string, r[SEQ] as number],
			{ ahead: engineOf(db) === 'postgres' }
		),
	point: (r) => [r[LON] as number, r[LAT] as number]
};
