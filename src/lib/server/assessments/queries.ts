/** Reading assessments: the list, the coordinators' totals and ranking, and the map's points. */
import { aliasedTable, and, asc, desc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import {
	rankNeeds,
	type Access,
	type AreaTotals,
	type PointColumns
} from '$lib/domain/assessments';
import type { Db } from '$lib/server/db';
import { first } from '$lib/server/db/transaction';
import {
	adminAreas,
	assessmentDuplicates,
	assessmentReviews,
	assessments,
	organisations,
	users
} from '$lib/server/db/schema';
import { observedBetween, toRecord } from './submit';

export interface AssessmentFilter {
	responseId: number;
	/** Only this organisation's (partners and field teams see their own). */
	organisationId?: number | null;
	/** A province, district or commune P-code: the area and everything in it. */
	area?: string | null;
	from?: string | null;
	to?: string | null;
	access?: Access | null;
	/** Only those flagged as likely duplicates and not yet reviewed as distinct. */
	flagged?: boolean;
}

/** The latest review of each assessment, as a subquery on seq → decision. */
export const latestReview = sql`(select r.decision from ${assessmentReviews} r where r.assessment_seq = ${assessments.seq} order by r.id desc limit 1)`;

const flagCount = sql<number>`(select count(*) from ${assessmentDuplicates} d where d.assessment_seq = ${assessments.seq} or d.other_seq = ${assessments.seq})`;

/** Reviewed as a duplicate: kept, but left out of totals, ranking and the map. */
const counted = sql`coalesce(${latestReview}, '') <> 'duplicate'`;

export function assessmentConditions(f: AssessmentFilter): SQL | undefined {
	const list: (SQL | undefined)[] = [
		eq(assessments.responseId, f.responseId),
		f.organisationId ? eq(assessments.organisationId, f.organisationId) : undefined,
		f.area ? sql`${assessments.pcode} like ${`${f.area}%`}` : undefined,
		observedBetween(f.from, f.to),
		f.access ? eq(assessments.access, f.access) : undefined,
		f.flagged ? sql`${flagCount} > 0 and coalesce(${latestReview}, '') <> 'distinct'` : undefined
	];
	return and(...list);
}

export async function listAssessments(
	db: Db,
	f: AssessmentFilter,
	page: { limit: number; offset: number } = { limit: 50, offset: 0 }
) {
	const where = assessmentConditions(f);
	const rows = await db
		.select({
			seq: assessments.seq,
			id: assessments.id,
			observedOn: assessments.observedOn,
			pcode: assessments.pcode,
			villageName: assessments.villageName,
			areaNameEn: adminAreas.nameEn,
			areaNameKm: adminAreas.nameKm,
			organisation: organisations.acronym,
			submitter: users.name,
			affectedHouseholds: assessments.affectedHouseholds,
			affectedPersons: assessments.affectedPersons,
			displacedPersons: assessments.displacedPersons,
			housesDamaged: assessments.housesDamaged,
			housesDestroyed: assessments.housesDestroyed,
			access: assessments.access,
			needs: assessments.needs,
			flags: flagCount,
			review: sql<'duplicate' | 'distinct' | null>`${latestReview}`
		})
		.from(assessments)
		.innerJoin(organisations, eq(organisations.id, assessments.organisationId))
		.innerJoin(users, eq(users.id, assessments.submittedBy))
		.leftJoin(adminAreas, eq(adminAreas.pcode, assessments.pcode))
		.where(where)
		.orderBy(desc(assessments.observedOn), desc(assessments.seq))
		.limit(page.limit)
		.offset(page.offset);
	const [{ total }] = await db
		.select({ total: sql<number>`count(*)` })
		.from(assessments)
		.where(where);
	return { rows, total };
}
export type AssessmentListRow = Awaited<ReturnType<typeof listAssessments>>['rows'][number];

/** Records for the API in order of arrival: up to `limit` after `seq` `after`. */
export async function recordsAfter(db: Db, f: AssessmentFilter, after: number, limit: number) {
	const rows = await db
		.select()
		.from(assessments)
		.where(and(assessmentConditions(f), gt(assessments.seq, after)))
		.orderBy(asc(assessments.seq))
		.limit(limit);
	return rows.map(toRecord);
}

/** By the device-made id, or by `seq` (the map's points carry only that). */
export async function getAssessment(db: Db, id: string) {
	const row = await first(
		db
			.select({
				a: assessments,
				organisation: organisations.acronym,
				submitter: users.name,
				review: sql<'duplicate' | 'distinct' | null>`${latestReview}`
			})
			.from(assessments)
			.innerJoin(organisations, eq(organisations.id, assessments.organisationId))
			.innerJoin(users, eq(users.id, assessments.submittedBy))
			.where(/^\d+$/.test(id) ? eq(assessments.seq, Number(id)) : eq(assessments.id, id))
	);
	return row
		? {
				...toRecord(row.a),
				organisation: row.organisation,
				submitter: row.submitter,
				review: row.review
			}
		: undefined;
}

/** The other assessments an assessment was flagged with, either way round. */
export async function duplicatesOf(db: Db, seq: number) {
	const other = aliasedTable(assessments, 'other');
	return await db
		.select({
			id: other.id,
			seq: other.seq,
			observedOn: other.observedOn,
			pcode: other.pcode,
			villageName: other.villageName,
			organisation: organisations.acronym,
			affectedPersons: other.affectedPersons,
			reason: assessmentDuplicates.reason,
			distanceM: assessmentDuplicates.distanceM
		})
		.from(assessmentDuplicates)
		.innerJoin(
			other,
			sql`${other.seq} = case when ${assessmentDuplicates.assessmentSeq} = ${seq} then ${assessmentDuplicates.otherSeq} else ${assessmentDuplicates.assessmentSeq} end`
		)
		.innerJoin(organisations, eq(organisations.id, other.organisationId))
		.where(or(eq(assessmentDuplicates.assessmentSeq, seq), eq(assessmentDuplicates.otherSeq, seq)))
		.orderBy(asc(other.seq));
}

/** Sums per province or district, leaving out assessments reviewed as duplicates. */
export async function totalsByArea(
	db: Db,
	f: AssessmentFilter,
	level: 'province' | 'district'
): Promise<AreaTotals[]> {
	const key = level === 'province' ? assessments.provincePcode : assessments.districtPcode;
	return await db
		.select({
			pcode: key,
			nameEn: adminAreas.nameEn,
			nameKm: adminAreas.nameKm,
			assessments: sql<number>`count(*)`,
			affectedHouseholds: sql<number>`sum(${assessments.affectedHouseholds})`,
			affectedPersons: sql<number>`sum(${assessments.affectedPersons})`,
			displacedHouseholds: sql<number>`sum(${assessments.displacedHouseholds})`,
			displacedPersons: sql<number>`sum(${assessments.displacedPersons})`,
			housesFlooded: sql<number>`sum(${assessments.housesFlooded})`,
			housesDamaged: sql<number>`sum(${assessments.housesDamaged})`,
			housesDestroyed: sql<number>`sum(${assessments.housesDestroyed})`
		})
		.from(assessments)
		.leftJoin(adminAreas, eq(adminAreas.pcode, key))
		.where(and(assessmentConditions(f), counted))
		.groupBy(key, adminAreas.nameEn, adminAreas.nameKm)
		// Ties in P-code order, the areas without one last, on either engine.
		.orderBy(desc(sql`sum(${assessments.affectedPersons})`), sql`${key} asc nulls last`);
}

/**
 * Counted assessments per province (`null`: those outside every province): the totals'
 * `assessments` alone, for the assessment map's drawing and count, which every visit to it reads.
 */
export async function assessmentsByProvince(
	db: Db,
	f: AssessmentFilter
): Promise<{ pcode: string | null; assessments: number }[]> {
	const rows = await db
		.select({ pcode: assessments.provincePcode, assessments: sql<number>`count(*)` })
		.from(assessments)
		.where(and(assessmentConditions(f), counted))
		.groupBy(assessments.provincePcode);
	return rows.map((r) => ({ pcode: r.pcode, assessments: Number(r.assessments) }));
}

/** The needs ranked over the filtered assessments (see `rankNeeds` for the Borda count). */
export async function needsRanking(db: Db, f: AssessmentFilter) {
	const rows = await db
		.select({ needs: assessments.needs })
		.from(assessments)
		.where(and(assessmentConditions(f), counted));
	return { assessments: rows.length, scores: rankNeeds(rows.map((r) => r.needs)) };
}

/**
 * The map's points as columns rather than GeoJSON features: about a third of the bytes for
 * 100,000 points. Coordinates to 5 decimals (about a metre); per point only what the map draws.
 */
export async function mapPoints(db: Db, f: AssessmentFilter): Promise<PointColumns> {
	const rows = await db
		.select({
			seq: assessments.seq,
			lon: assessments.lon,
			lat: assessments.lat,
			affected: assessments.affectedPersons,
			flags: flagCount
		})
		.from(assessments)
		.where(and(assessmentConditions(f), counted))
		.orderBy(asc(assessments.seq));
	const round = (v: number) => Math.round(v * 1e5) / 1e5;
	return {
		count: rows.length,
		seq: rows.map((r) => r.seq),
		lon: rows.map((r) => round(r.lon)),
		lat: rows.map((r) => round(r.lat)),
		affected: rows.map((r) => r.affected),
		flagged: rows.map((r) => (r.flags > 0 ? 1 : 0))
	};
}

/**
 * What changes whenever any map point could: assessments, duplicate flags and reviews are all
 * append-only, so their counts and latest keys tell. Read from the keys alone, so a browser's
 * copy of 100,000 points is checked for the price of one small query.
 */
export async function pointsVersion(db: Db): Promise<string> {
	const [row] = await db
		.select({
			assessments: sql<number>`count(*)`,
			latest: sql<number | null>`max(${assessments.seq})`,
			flags: sql<number>`(select count(*) from ${assessmentDuplicates})`,
			reviews: sql<number | null>`(select max(${assessmentReviews.id}) from ${assessmentReviews})`
		})
		.from(assessments);
	return `${row?.assessments ?? 0}.${row?.latest ?? 0}.${row?.flags ?? 0}.${row?.reviews ?? 0}`;
}

/** Organisations that submitted to a response, for the list's filter. */
export async function submittingOrganisations(db: Db, responseId: number) {
	return await db
		.selectDistinct({ id: organisations.id, acronym: organisations.acronym })
		.from(assessments)
		.innerJoin(organisations, eq(organisations.id, assessments.organisationId))
		.where(eq(assessments.responseId, responseId))
		.orderBy(asc(organisations.acronym));
}
