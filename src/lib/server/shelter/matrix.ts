/**
 * The 4W matrix: the rows an actor may see under the filters, their totals (the same rows
 * summed), the households reached per area for the map, and the gaps per area.
 */
import {
	and,
	asc,
	desc,
	eq,
	gt,
	gte,
	inArray,
	lte,
	ne,
	or,
	sql,
	type AnyColumn,
	type Placeholder,
	type SQL
} from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { prepared } from '$lib/server/db/statements';
import { explodeLines, monthBounds, standardNeed, type MatrixFilter } from '$lib/domain/shelter';
import type { Db } from '$lib/server/db';
import { todayInCambodia } from '$lib/domain/dates';
import { totalsByArea } from '$lib/server/assessments/queries';
import {
	adminAreas,
	nfiCatalogue,
	organisations,
	shelterActivities,
	shelterActivityItems,
	shelterActivitySums,
	shelterItemSums,
	shelterDaySums,
	shelterProvinceDayItemSums,
	shelterProvinceItemSums,
	shelterProvinceSums,
	type NfiEntry
} from '$lib/server/db/schema';
import { kitParts } from './catalogue';
import { notPending } from './pending';
import { listSites } from './sites';
import { bindingAs, provincePlan, sumsPlan, type SumsPlan } from './sums';

const a = shelterActivities;

/**
 * The rows `shelter.activity.read` allows, as SQL: coordinators everything, anyone validated
 * rows, partners and field teams their own organisation's too (see `policy.ts`).
 */
function visibleTo(role: Actor['role'], organisationId?: Bound<number>): SQL | undefined {
	if (role === 'admin' || role === 'coordinator') return notPending;
	if (role === 'partner' || role === 'field') {
		return and(
			notPending,
			or(eq(a.reviewState, 'validated'), eq(a.organisationId, organisationId as Bound<number>))
		);
	}
	return and(notPending, eq(a.reviewState, 'validated'));
}

/** The matrix's filters, the response optional (an export may span every response). */
export type ActivityFilter = Omit<MatrixFilter, 'responseId'> & { responseId?: number };

/** A value, or the placeholder a query built once takes it by. */
type Bound<T> = T | Placeholder;

/** The values the matrix's conditions compare with; a condition is there when its value is. */
interface MatrixValues {
	responseId?: number;
	/** The reader's organisation, for partners and field teams (`visibleTo`). */
	actorOrganisationId?: number;
	organisationId?: number;
	activityType?: MatrixFilter['activityType'];
	/** `KH02%`: the area and every area under it. */
	areaLike?: string;
	status?: MatrixFilter['status'];
	reviewState?: Exclude<MatrixFilter['reviewState'], 'all'>;
	to?: string;
	monthStart?: string;
	monthEnd?: string;
}

function matrixValues(actor: Actor, f: ActivityFilter): MatrixValues {
	const month = f.month ? monthBounds(f.month) : null;
	const values: MatrixValues = {
		responseId: f.responseId || undefined,
		actorOrganisationId:
			actor.role === 'partner' || actor.role === 'field' ? actor.organisationId : undefined,
		organisationId: f.organisationId || undefined,
		activityType: f.activityType || undefined,
		areaLike: f.area ? `${f.area}%` : undefined,
		status: f.status || undefined,
		to: f.to || undefined,
		monthStart: month?.[0],
		monthEnd: month?.[1]
	};
	if (f.reviewState !== 'all') values.reviewState = f.reviewState;
	return values;
}

/** The conditions for these values, or for placeholders named as they are (`matrixRows`). */
function conditions(
	role: Actor['role'],
	v: { [K in keyof MatrixValues]: Bound<NonNullable<MatrixValues[K]>> }
): SQL | undefined {
	return and(
		v.responseId !== undefined ? eq(a.responseId, v.responseId) : undefined,
		visibleTo(role, v.actorOrganisationId),
		v.organisationId !== undefined
			? or(eq(a.organisationId, v.organisationId), eq(a.implementingPartnerId, v.organisationId))
			: undefined,
		v.activityType !== undefined ? eq(a.activityType, v.activityType) : undefined,
		v.areaLike !== undefined ? sql`${a.pcode} like ${v.areaLike}` : undefined,
		v.status !== undefined ? eq(a.status, v.status) : undefined,
		'reviewState' in v
			? eq(a.reviewState, v.reviewState as Bound<NonNullable<MatrixValues['reviewState']>>)
			: undefined,
		v.to !== undefined ? lte(a.startDate, v.to) : undefined,
		// Active during the month: started by its end, not ended before its start.
		v.monthEnd !== undefined ? lte(a.startDate, v.monthEnd) : undefined,
		v.monthStart !== undefined
			? sql`coalesce(${a.endDate}, ${a.startDate}) >= ${v.monthStart}`
			: undefined
	);
}

export function matrixWhere(actor: Actor, f: ActivityFilter): SQL | undefined {
	return conditions(actor.role, matrixValues(actor, f));
}

/**
 * The page's numbered pages (newest first, by `offset`) or the API's keyset pages (in the order
 * rows were made, ids above `after`).
 */
export type RowsPage = { limit: number; offset: number } | { limit: number; after: number };

/** What a row of the matrix shows. */
const rowColumns = {
	id: a.id,
	activityType: a.activityType,
	modality: a.modality,
	organisationId: a.organisationId,
	organisation: organisations.acronym,
	partner: sql<
		string | null
	>`(select o.acronym from ${organisations} o where o.id = ${a.implementingPartnerId})`,
	donor: a.donor,
	pcode: a.pcode,
	areaNameEn: adminAreas.nameEn,
	areaNameKm: adminAreas.nameKm,
	siteId: a.siteId,
	startDate: a.startDate,
	endDate: a.endDate,
	status: a.status,
	targetedHouseholds: a.targetedHouseholds,
	reachedHouseholds: a.reachedHouseholds,
	targetedPersons: a.targetedPersons,
	reachedPersons: a.reachedPersons,
	reviewState: a.reviewState,
	reviewComment: a.reviewComment
};

/** The rows under `where`, a page of them: in the order rows were made, or newest first. */
function rowsWhere(db: Db, where: SQL | undefined, keyset: boolean) {
	return db
		.select(rowColumns)
		.from(a)
		.innerJoin(organisations, eq(organisations.id, a.organisationId))
		.leftJoin(adminAreas, eq(adminAreas.pcode, a.pcode))
		.where(where)
		.orderBy(...(keyset ? [asc(a.id)] : [desc(a.startDate), desc(a.id)]));
}

/** The matrix's page of rows as a query (the benchmark runs its SQL directly too). */
export function matrixRowsQuery(
	db: Db,
	actor: Actor,
	f: MatrixFilter,
	page: RowsPage = { limit: 50, offset: 0 }
) {
	const keyset = 'after' in page;
	return rowsWhere(
		db,
		and(matrixWhere(actor, f), keyset ? gt(a.id, page.after) : undefined),
		keyset
	)
		.limit(page.limit)
		.offset(keyset ? 0 : page.offset);
}

/** The reader's kind as the matrix's conditions tell them apart (`visibleTo`). */
const roleOf = (actor: Actor) =>
	actor.role === 'admin' ? 'coordinator' : actor.role === 'field' ? 'partner' : actor.role;

/**
 * The matrix's conditions for a query built once per shape (`prepared`): the shape (the
 * reader's kind and which filters are set), the conditions with a placeholder for each value,
 * and the values to run it with.
 */
function boundMatrix(actor: Actor, f: ActivityFilter) {
	const values = matrixValues(actor, f);
	const keys = (Object.keys(values) as (keyof MatrixValues)[]).filter(
		(k) => values[k] !== undefined || k === 'reviewState'
	);
	const role = roleOf(actor);
	return {
		shape: `${role}.${keys.join('-')}`,
		where: () =>
			conditions(
				role,
				Object.fromEntries(keys.map((k) => [k, sql.placeholder(k)])) as {
					[K in keyof MatrixValues]: Placeholder;
				}
			),
		params: Object.fromEntries(keys.map((k) => [k, values[k]])) as Record<string, unknown>
	};
}

/**
 * A page of the rows: the same query as `matrixRowsQuery`, built once per shape (the reader's
 * kind, which filters are set, the kind of page) with placeholders (`prepared`) and run with
 * the values; building it was a tenth of a 4W page's CPU.
 */
export async function matrixRows(
	db: Db,
	actor: Actor,
	f: MatrixFilter,
	page: RowsPage = { limit: 50, offset: 0 }
) {
	const keyset = 'after' in page;
	const bound = boundMatrix(actor, f);
	const shape = `${bound.shape}.${keyset ? 'after' : 'offset'}`;
	const query = prepared(db, `shelter.matrix.rows.${shape}`, (d) =>
		rowsWhere(
			d,
			and(bound.where(), keyset ? gt(a.id, sql.placeholder('after')) : undefined),
			keyset
		)
			.limit(sql.placeholder('limit'))
			.offset(keyset ? 0 : sql.placeholder('offset'))
			.prepare()
	);
	return await query.execute({
		...bound.params,
		limit: page.limit,
		...('after' in page ? { after: page.after } : { offset: page.offset })
	});
}
export type MatrixRow = Awaited<ReturnType<typeof matrixRows>>[number];

/** The sums of exactly the rows the matrix lists under the same filters, read from the rows. */
export function matrixTotalsQuery(db: Db, actor: Actor, f: MatrixFilter) {
	return db.select(totalsOfRows).from(a).where(matrixWhere(actor, f));
}

const totalsOfRows = {
	activities: sql<number>`count(*)`,
	organisations: sql<number>`count(distinct ${a.organisationId})`,
	targetedHouseholds: sql<number>`coalesce(sum(${a.targetedHouseholds}), 0)`,
	reachedHouseholds: sql<number>`coalesce(sum(${a.reachedHouseholds}), 0)`,
	targetedPersons: sql<number>`coalesce(sum(${a.targetedPersons}), 0)`,
	reachedPersons: sql<number>`coalesce(sum(${a.reachedPersons}), 0)`,
	reachedFemale: sql<number>`coalesce(sum(${a.reached_f_0_5} + ${a.reached_f_6_17} + ${a.reached_f_18_59} + ${a.reached_f_60}), 0)`,
	reachedDisabled: sql<number>`coalesce(sum(${a.reached_disabled}), 0)`
};

const SUMMED = [
	'activities',
	'targetedHouseholds',
	'reachedHouseholds',
	'targetedPersons',
	'reachedPersons',
	'reachedFemale',
	'reachedDisabled'
] as const;

type SumsTable = typeof shelterActivitySums | typeof shelterDaySums | typeof shelterProvinceSums;

/**
 * `fields` of a sums table summed by its column `key` (read as `as`) where `where()` holds: a
 * query built once by `name` (the binding's placeholders in it) and run with `params`.
 */
function summedBy<K extends 'organisationId' | 'provincePcode', F extends string>(
	db: Db,
	name: string,
	table: SumsTable,
	[as, key]: readonly [string, K],
	fields: readonly F[],
	where: () => SQL | undefined,
	params: Record<string, unknown>
) {
	const column = table as unknown as Record<K | F, AnyColumn>;
	const query = prepared(db, name, (d) =>
		d
			.select({
				[as]: sql`${column[key]}`,
				...Object.fromEntries(fields.map((f) => [f, sql<number>`sum(${column[f]})`]))
			} as Record<string, SQL>)
			.from(table)
			.where(where())
			.groupBy(sql`${column[key]}`)
			.prepare()
	);
	return query.execute(params) as Promise<unknown[]>;
}

/** What the map by area sums. */
const REACHED = ['activities', 'reachedHouseholds', 'reachedPersons'] as const;

/**
 * The totals from the sums when the filters allow it (`sumsPlan`), else from the rows. Read
 * per organisation from both parts, so that organisations are counted once across them. Each
 * query is built once per shape (the plan's, or the rows' conditions': `prepared`, values as
 * placeholders) and run with the values; building them was most of what the totals cost.
 */
export async function matrixTotals(db: Db, actor: Actor, f: MatrixFilter) {
	const totals = {
		activities: 0,
		organisations: 0,
		targetedHouseholds: 0,
		reachedHouseholds: 0,
		targetedPersons: 0,
		reachedPersons: 0,
		reachedFemale: 0,
		reachedDisabled: 0
	};
	const binding = bindingAs();
	const plan = sumsPlan(actor, f, 'activities', binding.bind);
	if (!plan) {
		const rows = boundMatrix(actor, f);
		const query = prepared(db, `shelter.matrix.totals.rows.${rows.shape}`, (d) =>
			d.select(totalsOfRows).from(a).where(rows.where()).prepare()
		);
		const [fromRows] = await query.execute(rows.params);
		return fromRows ?? totals;
	}
	const shape = `${roleOf(actor)}.${binding.names.join('-')}.${plan.rowsFrom ? 'rows' : ''}`;
	type Part = { organisationId: number } & Record<(typeof SUMMED)[number], number>;
	const parts = (await summedBy(
		db,
		`shelter.matrix.totals.sums.${shape}`,
		shelterActivitySums,
		['organisationId', 'organisationId'],
		SUMMED,
		() => plan.sums(shelterActivitySums),
		binding.params
	)) as Part[];
	if (plan.days) {
		const days = plan.days;
		const fromDays = await summedBy(
			db,
			`shelter.matrix.totals.days.${shape}`,
			shelterDaySums,
			['organisationId', 'organisationId'],
			SUMMED,
			() => days(shelterDaySums),
			binding.params
		);
		parts.push(...(fromDays as Part[]));
	}
	if (plan.rowsFrom) {
		const { organisations: _, ...fields } = totalsOfRows;
		const rows = boundMatrix(actor, f);
		const query = prepared(db, `shelter.matrix.totals.rowsFrom.${rows.shape}`, (d) =>
			d
				.select({ organisationId: a.organisationId, ...fields })
				.from(a)
				.where(and(rows.where(), gte(a.startDate, sql.placeholder('rowsFrom'))))
				.groupBy(a.organisationId)
				.prepare()
		);
		parts.push(...(await query.execute({ ...rows.params, rowsFrom: plan.rowsFrom })));
	}
	const organisations = new Set<number>();
	for (const part of parts) {
		if (Number(part.activities) > 0) organisations.add(part.organisationId);
		for (const k of SUMMED) totals[k] += Number(part[k]);
	}
	totals.organisations = organisations.size;
	return totals;
}
export type MatrixTotals = Awaited<ReturnType<typeof matrixTotals>>;

/** Households and persons reached per province or district, from the rows. */
export function matrixByAreaQuery(
	db: Db,
	actor: Actor,
	f: MatrixFilter,
	level: 'province' | 'district',
	also?: SQL
) {
	const key = level === 'province' ? a.provincePcode : a.districtPcode;
	return db
		.select({
			pcode: key,
			activities: sql<number>`count(*)`,
			reachedHouseholds: sql<number>`sum(${a.reachedHouseholds})`,
			reachedPersons: sql<number>`sum(${a.reachedPersons})`
		})
		.from(a)
		.where(and(matrixWhere(actor, f), also, sql`${key} is not null`))
		.groupBy(key)
		.orderBy(asc(key));
}

interface AreaReached {
	pcode: string;
	activities: number;
	reachedHouseholds: number;
	reachedPersons: number;
}

/** `matrixByAreaQuery` built once per shape, the rows' conditions as placeholders (`boundMatrix`). */
function preparedByArea(
	db: Db,
	actor: Actor,
	f: MatrixFilter,
	level: 'province' | 'district',
	rowsFrom?: string
) {
	const rows = boundMatrix(actor, f);
	const key = level === 'province' ? a.provincePcode : a.districtPcode;
	const query = prepared(
		db,
		`shelter.matrix.byArea.${level}.${rows.shape}.${rowsFrom ? 'from' : ''}`,
		(d) =>
			d
				.select({
					pcode: key,
					activities: sql<number>`count(*)`,
					reachedHouseholds: sql<number>`sum(${a.reachedHouseholds})`,
					reachedPersons: sql<number>`sum(${a.reachedPersons})`
				})
				.from(a)
				.where(
					and(
						rows.where(),
						rowsFrom ? gte(a.startDate, sql.placeholder('rowsFrom')) : undefined,
						sql`${key} is not null`
					)
				)
				.groupBy(key)
				.orderBy(asc(key))
				.prepare()
	);
	return query.execute(rowsFrom ? { ...rows.params, rowsFrom } : rows.params) as Promise<
		AreaReached[]
	>;
}

/**
 * For the map's shading: by province from the sums when the filters allow it, by district
 * (which the sums do not hold) or under other filters from the rows. Each query is built once
 * per shape and run with the values, as `matrixTotals`.
 */
export async function matrixByArea(
	db: Db,
	actor: Actor,
	f: MatrixFilter,
	level: 'province' | 'district'
): Promise<AreaReached[]> {
	const binding = bindingAs();
	const byProvince = level === 'province' ? provincePlan(actor, f, binding.bind) : null;
	const plan =
		byProvince ?? (level === 'province' ? sumsPlan(actor, f, 'activities', binding.bind) : null);
	if (!plan) return await preparedByArea(db, actor, f, level);
	// The sums by province alone when the reader may use them: a few cells per province.
	const shape = `${byProvince ? 'province' : 'organisation'}.${roleOf(actor)}.${binding.names.join('-')}.${plan.rowsFrom ? 'rows' : ''}`;
	const table = byProvince ? shelterProvinceSums : shelterActivitySums;
	const parts = (await summedBy(
		db,
		`shelter.matrix.byArea.sums.${shape}`,
		table,
		['pcode', 'provincePcode'],
		REACHED,
		() =>
			and(
				byProvince
					? byProvince.sums(shelterProvinceSums)
					: (plan as SumsPlan).sums(shelterActivitySums),
				ne(table.provincePcode, '')
			),
		binding.params
	)) as AreaReached[];
	if (plan.days) {
		const days = plan.days;
		const fromDays = await summedBy(
			db,
			`shelter.matrix.byArea.days.${shape}`,
			shelterDaySums,
			['pcode', 'provincePcode'],
			REACHED,
			() => and(days(shelterDaySums), ne(shelterDaySums.provincePcode, '')),
			binding.params
		);
		parts.push(...(fromDays as AreaReached[]));
	}
	if (plan.rowsFrom) parts.push(...(await preparedByArea(db, actor, f, level, plan.rowsFrom)));
	const byArea = new Map<string, AreaReached>();
	for (const p of parts) {
		const t = byArea.get(p.pcode) ?? {
			pcode: p.pcode,
			activities: 0,
			reachedHouseholds: 0,
			reachedPersons: 0
		};
		t.activities += Number(p.activities);
		t.reachedHouseholds += Number(p.reachedHouseholds);
		t.reachedPersons += Number(p.reachedPersons);
		byArea.set(p.pcode, t);
	}
	// A cell whose rows all left stays with zeros: an area with no rows is not on the map.
	return [...byArea.values()]
		.filter((t) => t.activities > 0)
		.sort((x, y) => (x.pcode < y.pcode ? -1 : 1));
}

/** NFI lines per area and catalogue entry, from the rows (and their item lines). */
export function distributedLinesQuery(
	db: Db,
	actor: Actor,
	f: MatrixFilter,
	level: 'province' | 'district',
	also?: SQL
) {
	const key = level === 'province' ? a.provincePcode : a.districtPcode;
	return db
		.select({
			pcode: sql<string>`${key}`,
			catalogueId: shelterActivityItems.catalogueId,
			quantity: sql<number>`sum(${shelterActivityItems.quantity})`
		})
		.from(shelterActivityItems)
		.innerJoin(a, eq(a.id, shelterActivityItems.activityId))
		.where(and(matrixWhere(actor, f), also, sql`${key} is not null`))
		.groupBy(key, shelterActivityItems.catalogueId);
}

/**
 * NFI lines per area and catalogue entry: by province from the item sums when the filters
 * allow it, else (by district, or filtered by status) from the rows.
 */
export async function distributedLines(
	db: Db,
	actor: Actor,
	f: MatrixFilter,
	level: 'province' | 'district'
): Promise<{ pcode: string; catalogueId: number; quantity: number }[]> {
	const fromRows = (also?: SQL) => distributedLinesQuery(db, actor, f, level, also);
	const byProvince = level === 'province' ? provincePlan(actor, f) : null;
	const plan = byProvince ?? (level === 'province' ? sumsPlan(actor, f, 'items') : null);
	if (!plan) return fromRows();
	// The item sums by province alone (which hold the activity type) when the reader may use them.
	const s = byProvince ? shelterProvinceItemSums : shelterItemSums;
	const where = byProvince
		? byProvince.sums(shelterProvinceItemSums)
		: (plan as SumsPlan).sums(shelterItemSums);
	const lines = await db
		.select({
			pcode: s.provincePcode,
			catalogueId: s.catalogueId,
			quantity: sql<number>`sum(${s.quantity})`
		})
		.from(s)
		.where(and(where, ne(s.provincePcode, '')))
		.groupBy(s.provincePcode, s.catalogueId);
	if (byProvince?.days) {
		const d = shelterProvinceDayItemSums;
		lines.push(
			...(await db
				.select({
					pcode: d.provincePcode,
					catalogueId: d.catalogueId,
					quantity: sql<number>`sum(${d.quantity})`
				})
				.from(d)
				.where(and(byProvince.days(d), ne(d.provincePcode, '')))
				.groupBy(d.provincePcode, d.catalogueId))
		);
	}
	if (plan.rowsFrom) lines.push(...(await fromRows(gte(a.startDate, plan.rowsFrom))));
	return lines.map((l) => ({ ...l, quantity: Number(l.quantity) }));
}

/**
 * The organisations with rows in a response, for the filter: built once per kind of reader
 * (`prepared`, as `matrixRows`), run with the response and the reader's organisation.
 */
export async function reportingOrganisations(db: Db, actor: Actor, responseId: number) {
	const role =
		actor.role === 'admin' ? 'coordinator' : actor.role === 'field' ? 'partner' : actor.role;
	const query = prepared(db, `shelter.matrix.organisations.${role}`, (d) =>
		d
			.selectDistinct({ id: organisations.id, acronym: organisations.acronym })
			.from(a)
			.innerJoin(organisations, eq(organisations.id, a.organisationId))
			.where(
				and(
					eq(a.responseId, sql.placeholder('responseId')),
					visibleTo(role, sql.placeholder('organisationId'))
				)
			)
			.orderBy(asc(organisations.acronym))
			.prepare()
	);
	return await query.execute({ responseId, organisationId: actor.organisationId ?? null });
}

export interface GapCell {
	needed: number;
	distributed: number;
	/** Needed but not distributed (never below zero). */
	gap: number;
}

export interface GapRow {
	pcode: string;
	nameEn: string | null;
	nameKm: string | null;
	/** Persons in the area's sites open on the as-of day (see `listSites`). */
	sitePersons: number;
	siteHouseholds: number;
	/** Affected persons and households from the rapid assessments observed by then. */
	assessedPersons: number;
	assessedHouseholds: number;
	/** The larger of the two: site residents are usually among the assessed affected. */
	inNeedPersons: number;
	inNeedHouseholds: number;
	reachedPersons: number;
	reachedHouseholds: number;
	/** Persons in need not yet reached (never below zero). */
	gapPersons: number;
	gapHouseholds: number;
	/** Per catalogue code of `GapsTable.items`: look a cell up by its item, never by position. */
	items: Record<string, GapCell>;
}

export interface GapsTable {
	/** The items with a standard, in the order of the table's columns. */
	items: {
		id: number;
		code: string;
		nameEn: string;
		nameKm: string;
		unit: string;
		standardQty: number;
		standardPer: NfiEntry['standardPer'];
	}[];
	rows: GapRow[];
}

/** The Gaps filters: the 4W matrix's, and the day the sites and assessments are as of. */
export type GapsFilter = MatrixFilter & { asOf?: string };

/**
 * Per area on the as-of day (today when unset): people in need (the sites' population by
 * `listSites`, and the assessments' affected by `totalsByArea`) against people reached by the
 * matrix's rows that had started by then, and NFI distributed against the catalogue's standard.
 */
export async function gapsByArea(
	db: Db,
	actor: Actor,
	filter: GapsFilter,
	level: 'province' | 'district'
): Promise<GapsTable> {
	const { asOf, ...matrix } = filter;
	const day = asOf ?? todayInCambodia();
	const f: MatrixFilter = { ...matrix, to: matrix.to && matrix.to < day ? matrix.to : day };
	const sites = new Map<string, { persons: number; households: number }>();
	for (const s of await listSites(db, { responseId: f.responseId, area: f.area, asOf: day })) {
		const pcode = level === 'province' ? s.site.provincePcode : s.site.districtPcode;
		if (!s.open || !pcode) continue;
		const t = sites.get(pcode) ?? { persons: 0, households: 0 };
		t.persons += s.occupancy.persons;
		t.households += s.occupancy.households;
		sites.set(pcode, t);
	}
	const assessed = new Map(
		(await totalsByArea(db, { responseId: f.responseId, area: f.area, to: day }, level))
			.filter((r): r is typeof r & { pcode: string } => !!r.pcode)
			.map((r) => [r.pcode, r])
	);
	const reached = new Map((await matrixByArea(db, actor, f, level)).map((r) => [r.pcode, r]));
	const lines = await distributedLines(db, actor, f, level);
	const kits = await kitParts(db);
	const items = await db
		.select({
			id: nfiCatalogue.id,
			code: nfiCatalogue.code,
			nameEn: nfiCatalogue.nameEn,
			nameKm: nfiCatalogue.nameKm,
			unit: nfiCatalogue.unit,
			standardQty: nfiCatalogue.standardQty,
			standardPer: nfiCatalogue.standardPer
		})
		.from(nfiCatalogue)
		.where(and(eq(nfiCatalogue.kind, 'item'), sql`${nfiCatalogue.standardQty} > 0`))
		.orderBy(asc(nfiCatalogue.code));

	const pcodes = new Set<string>([...sites.keys(), ...assessed.keys(), ...reached.keys()]);
	if (!pcodes.size) return { items, rows: [] };
	const names = new Map(
		(
			await db
				.select({ pcode: adminAreas.pcode, nameEn: adminAreas.nameEn, nameKm: adminAreas.nameKm })
				.from(adminAreas)
				.where(inArray(adminAreas.pcode, [...pcodes]))
		).map((r) => [r.pcode, r])
	);
	const rows = [...pcodes].sort().map((pcode): GapRow => {
		const s = sites.get(pcode);
		const as = assessed.get(pcode);
		const r = reached.get(pcode);
		const inNeedPersons = Math.max(s?.persons ?? 0, as?.affectedPersons ?? 0);
		const inNeedHouseholds = Math.max(s?.households ?? 0, as?.affectedHouseholds ?? 0);
		const reachedPersons = r?.reachedPersons ?? 0;
		const reachedHouseholds = r?.reachedHouseholds ?? 0;
		const distributed = explodeLines(
			lines.filter((l) => l.pcode === pcode),
			kits
		);
		return {
			pcode,
			nameEn: names.get(pcode)?.nameEn ?? null,
			nameKm: names.get(pcode)?.nameKm ?? null,
			sitePersons: s?.persons ?? 0,
			siteHouseholds: s?.households ?? 0,
			assessedPersons: as?.affectedPersons ?? 0,
			assessedHouseholds: as?.affectedHouseholds ?? 0,
			inNeedPersons,
			inNeedHouseholds,
			reachedPersons,
			reachedHouseholds,
			gapPersons: Math.max(0, inNeedPersons - reachedPersons),
			gapHouseholds: Math.max(0, inNeedHouseholds - reachedHouseholds),
			items: Object.fromEntries(
				items.map((item) => {
					const needed = standardNeed(item, inNeedHouseholds, inNeedPersons);
					const given = distributed.get(item.id) ?? 0;
					return [item.code, { needed, distributed: given, gap: Math.max(0, needed - given) }];
				})
			)
		};
	});
	return { items, rows };
}
