/**
 * The 4W sums: by organisation (`shelter_activity_sums`, `shelter_item_sums`), by province
 * alone (`shelter_province_sums`, `shelter_province_item_sums`) and by day of start
 * (`shelter_day_sums`, `shelter_province_day_item_sums`), kept here in the transaction of every
 * write to the rows; and the plans that say when a reader may use which.
 *
 * Writers call `leaveSums` with the rows they are about to change or delete and `joinSums` with
 * the rows once changed or created: the rows' current values are taken out of (or added to)
 * their cells by one upsert per table (six per call). Rows hidden while an import writes them are skipped
 * (`notPending`); the import adds them when it publishes.
 */
import {
	and,
	eq,
	getTableColumns,
	gte,
	lte,
	or,
	sql,
	type Placeholder,
	type SQL
} from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Actor } from '$lib/domain/policy';
import { pcodeLevel } from '$lib/domain/places';
import { monthBounds, type MatrixFilter } from '$lib/domain/shelter';
import type { Db } from '$lib/server/db';
import { transaction } from '$lib/server/db/transaction';
import {
	shelterActivities as a,
	shelterActivityItems as items,
	shelterActivitySums,
	shelterItemSums,
	shelterDaySums,
	shelterProvinceDayItemSums,
	shelterProvinceItemSums,
	shelterProvinceSums
} from '$lib/server/db/schema';
import { notPending } from './pending';

const startMonth = sql<string>`substr(${a.startDate}, 1, 7)`;
const endMonth = sql<string>`substr(coalesce(${a.endDate}, ${a.startDate}), 1, 7)`;
const partnerId = sql<number>`coalesce(${a.implementingPartnerId}, 0)`;
const provincePcode = sql<string>`coalesce(${a.provincePcode}, '')`;

/** A sums table's column (by its name in the schema) and what it is of the rows. */
type Part = [column: string, of: SQL | SQLiteColumn];

const KEY = {
	responseId: a.responseId,
	reviewState: a.reviewState,
	startMonth,
	endMonth,
	startDate: a.startDate,
	organisationId: a.organisationId,
	partnerId,
	activityType: a.activityType,
	provincePcode,
	catalogueId: items.catalogueId
} satisfies Record<string, SQL | SQLiteColumn>;

const FIGURES = {
	activities: sql`count(*)`,
	targetedHouseholds: sql`sum(${a.targetedHouseholds})`,
	reachedHouseholds: sql`sum(${a.reachedHouseholds})`,
	targetedPersons: sql`sum(${a.targetedPersons})`,
	reachedPersons: sql`sum(${a.reachedPersons})`,
	reachedFemale: sql`sum(${a.reached_f_0_5} + ${a.reached_f_6_17} + ${a.reached_f_18_59} + ${a.reached_f_60})`,
	reachedDisabled: sql`sum(${a.reached_disabled})`,
	lines: sql`count(*)`,
	quantity: sql`sum(${items.quantity})`
} satisfies Record<string, SQL>;

type SumsTable =
	| typeof shelterActivitySums
	| typeof shelterItemSums
	| typeof shelterProvinceSums
	| typeof shelterProvinceItemSums
	| typeof shelterDaySums
	| typeof shelterProvinceDayItemSums;

/**
 * Adds (sign 1) or takes out (-1) the rows' figures in one sums table by one upsert: the rows
 * (their item lines for an item table) grouped by the table's key, each cell's figures added
 * to those kept. The table's key columns come first, in the key's order, then its figures.
 */
async function addTo(tx: Db, table: SumsTable, rows: SQL, sign: 1 | -1) {
	const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
	const names = Object.keys(columns);
	const keyNames = names.filter((n) => n in KEY && !(n in FIGURES));
	const figureNames = names.filter((n) => n in FIGURES);
	const perItem = 'catalogueId' in columns;
	const key: Part[] = keyNames.map((n) => [n, KEY[n as keyof typeof KEY]]);
	const fields = Object.fromEntries([
		...key.map(([n, of]) => [n, sql`${of}`.as(toSnakeCase(n))]),
		...figureNames.map((n) => [
			n,
			sql`${sign} * ${FIGURES[n as keyof typeof FIGURES]}`.as(toSnakeCase(n))
		])
	]);
	const source = perItem
		? tx.select(fields).from(items).innerJoin(a, eq(a.id, items.activityId))
		: tx.select(fields).from(a);
	await tx
		.insert(table)
		.select(source.where(and(rows, notPending)).groupBy(...key.map(([, of]) => of)) as never)
		.onConflictDoUpdate({
			target: keyNames.map((n) => columns[n]),
			set: Object.fromEntries(
				figureNames.map((n) => [n, sql`${columns[n]} + excluded.${sql.identifier(toSnakeCase(n))}`])
			)
		});
}

/** Every sums table, each kept by every write. */
const SUMS_TABLES = () => [
	shelterActivitySums,
	shelterItemSums,
	shelterProvinceSums,
	shelterProvinceItemSums,
	shelterDaySums,
	shelterProvinceDayItemSums
];

/** Which rows: one id, every row an import wrote, or every row of a response. */
export type SumRows = { id: number } | { importId: string } | { responseId: number };

function rowsOf(which: SumRows): SQL {
	if ('id' in which) return eq(a.id, which.id);
	if ('importId' in which) return eq(a.pendingImportId, which.importId);
	return eq(a.responseId, which.responseId);
}

/** Adds rows (with their item lines) to the sums: after a create, or after a change. */
export async function joinSums(tx: Db, which: SumRows) {
	for (const table of SUMS_TABLES()) await addTo(tx, table, rowsOf(which), 1);
}

/** Takes rows out of the sums: before a change or a delete, while they hold their old values. */
export async function leaveSums(tx: Db, which: SumRows) {
	for (const table of SUMS_TABLES()) await addTo(tx, table, rowsOf(which), -1);
}

/** Builds a response's sums again from its rows: for rows written straight to the table (benchmarks). */
export async function rebuildSums(db: Db, responseId: number) {
	await transaction(db, async (tx) => {
		for (const table of SUMS_TABLES()) {
			await tx.delete(table).where(eq(table.responseId, responseId));
		}
		await joinSums(tx, { responseId });
	});
}

/**
 * Where a reader may use the sums: the filters name only what they hold. `sums` is the
 * condition on either sums table; `rowsFrom` is set when a `to` day cuts its month, whose rows
 * from that month's first day are read from the rows and added.
 */
export interface SumsPlan {
	sums: (t: typeof shelterActivitySums | typeof shelterItemSums) => SQL | undefined;
	/** The cut month's rows up to the `to` day from the sums by day (`rowsFrom` is then null). */
	days: ((t: typeof shelterDaySums) => SQL) | null;
	rowsFrom: string | null;
}

/** Months wholly on or before the `to` day come from the sums; the cut month's rows are read. */
function cutAt(f: MatrixFilter) {
	if (!f.to) return { lastFullMonth: null, rowsFrom: null };
	const [first, last] = monthBounds(f.to.slice(0, 7));
	return f.to === last
		? { lastFullMonth: f.to.slice(0, 7), rowsFrom: null }
		: { lastFullMonth: previousMonth(first), rowsFrom: first };
}

/**
 * How a plan's conditions take a value: as it is (the default), or as a placeholder named for
 * it while the value is noted for the run (`bindingAs`), so a query built once per shape serves
 * every value (`matrixTotals`, `matrixByArea`).
 */
export type Bind = <T extends string | number>(name: string, value: T) => T | Placeholder;
const asIs: Bind = (_name, value) => value;

/**
 * A binder that names each value's placeholder and keeps the values by those names (`params`),
 * and the names in the order bound (`names`: with the plan's structure, the query's shape).
 */
export function bindingAs() {
	const params: Record<string, string | number> = {};
	const names: string[] = [];
	const bind: Bind = (name, value) => {
		params[name] = value;
		names.push(name);
		return sql.placeholder(name);
	};
	return { bind, params, names };
}

/**
 * The sums hold provinces, not districts, and neither the status nor (for the item lines) the
 * activity type: a filter or a grouping by one of those reads the rows (null). The month a `to`
 * day cuts comes from the sums by day for the activities' figures when neither an activity type
 * nor a month is chosen, else (and for the item lines) from the rows. Every value the
 * conditions compare with goes through `bind`, once, when the plan is made.
 */
export function sumsPlan(
	actor: Actor,
	f: MatrixFilter,
	use: 'activities' | 'items',
	bind: Bind = asIs
): SumsPlan | null {
	if (f.status) return null;
	if (f.area && pcodeLevel(f.area) !== 1) return null;
	if (use === 'items' && f.activityType) return null;
	const { lastFullMonth, rowsFrom } = cutAt(f);
	const v = {
		responseId: bind('responseId', f.responseId),
		actorOrganisationId:
			actor.role === 'partner' || actor.role === 'field'
				? bind('actorOrganisationId', actor.organisationId)
				: undefined,
		organisationId: f.organisationId ? bind('organisationId', f.organisationId) : undefined,
		area: f.area ? bind('area', f.area) : undefined,
		reviewState: f.reviewState === 'all' ? undefined : bind('reviewState', f.reviewState),
		activityType:
			f.activityType && use === 'activities' ? bind('activityType', f.activityType) : undefined,
		lastFullMonth: lastFullMonth ? bind('lastFullMonth', lastFullMonth) : undefined,
		month: f.month ? bind('month', f.month) : undefined
	};
	const seen = (t: typeof shelterActivitySums | typeof shelterItemSums | typeof shelterDaySums) => [
		eq(t.responseId, v.responseId),
		visibleIn(t, actor, v.actorOrganisationId),
		v.organisationId !== undefined
			? or(eq(t.organisationId, v.organisationId), eq(t.partnerId, v.organisationId))
			: undefined,
		v.area !== undefined ? eq(t.provincePcode, v.area) : undefined,
		v.reviewState !== undefined ? eq(t.reviewState, v.reviewState) : undefined
	];
	const sums: SumsPlan['sums'] = (t) =>
		and(
			...seen(t),
			v.activityType !== undefined && 'activityType' in t
				? eq(t.activityType, v.activityType)
				: undefined,
			v.lastFullMonth !== undefined ? lte(t.startMonth, v.lastFullMonth) : undefined,
			v.month !== undefined ? lte(t.startMonth, v.month) : undefined,
			v.month !== undefined ? gte(t.endMonth, v.month) : undefined
		);
	// The sums by day hold neither the activity type nor the end month, nor the item lines.
	if (!rowsFrom || use === 'items' || f.activityType || f.month) {
		return { sums, days: null, rowsFrom };
	}
	const from = bind('rowsFrom', rowsFrom);
	const to = bind('to', f.to as string);
	const days: NonNullable<SumsPlan['days']> = (t) =>
		and(...seen(t), gte(t.startDate, from), lte(t.startDate, to)) as SQL;
	return { sums, days, rowsFrom: null };
}

/** Where a reader by province may use the sums by province alone (`provincePlan`). */
export interface ProvincePlan {
	sums: (t: typeof shelterProvinceSums | typeof shelterProvinceItemSums) => SQL | undefined;
	/** The cut month's rows up to the `to` day, from the sums by day (`rowsFrom` is then null). */
	days: ((t: typeof shelterDaySums | typeof shelterProvinceDayItemSums) => SQL) | null;
	rowsFrom: string | null;
}

/**
 * The sums by province hold no organisations: only a reader who sees every organisation's rows
 * or only the validated ones (not a partner or field team, who also see their own), unfiltered
 * by organisation, status or district, may read them (else null: `sumsPlan`). The activity type
 * is in the sums by month; the month a `to` day cuts is read from the sums by day unless an
 * activity type or a month is chosen (then from the rows). Values go through `bind`, as there.
 */
export function provincePlan(
	actor: Actor,
	f: MatrixFilter,
	bind: Bind = asIs
): ProvincePlan | null {
	if (f.status || f.organisationId) return null;
	if (f.area && pcodeLevel(f.area) !== 1) return null;
	if (actor.role === 'partner' || actor.role === 'field') return null;
	const everyRow = actor.role === 'admin' || actor.role === 'coordinator';
	const { lastFullMonth, rowsFrom } = cutAt(f);
	const v = {
		responseId: bind('responseId', f.responseId),
		reviewState: f.reviewState === 'all' ? undefined : bind('reviewState', f.reviewState),
		area: f.area ? bind('area', f.area) : undefined,
		activityType: f.activityType ? bind('activityType', f.activityType) : undefined,
		lastFullMonth: lastFullMonth ? bind('lastFullMonth', lastFullMonth) : undefined,
		month: f.month ? bind('month', f.month) : undefined
	};
	const seen = (t: { reviewState: SQLiteColumn; provincePcode: SQLiteColumn }) => [
		everyRow ? undefined : eq(t.reviewState, 'validated'),
		v.reviewState !== undefined ? eq(t.reviewState, v.reviewState) : undefined,
		v.area !== undefined ? eq(t.provincePcode, v.area) : undefined
	];
	const sums: ProvincePlan['sums'] = (t) =>
		and(
			eq(t.responseId, v.responseId),
			...seen(t),
			v.activityType !== undefined ? eq(t.activityType, v.activityType) : undefined,
			v.lastFullMonth !== undefined ? lte(t.startMonth, v.lastFullMonth) : undefined,
			v.month !== undefined ? lte(t.startMonth, v.month) : undefined,
			v.month !== undefined ? gte(t.endMonth, v.month) : undefined
		);
	if (!rowsFrom || f.activityType || f.month) return { sums, days: null, rowsFrom };
	const from = bind('rowsFrom', rowsFrom);
	const to = bind('to', f.to as string);
	const days: NonNullable<ProvincePlan['days']> = (t) =>
		and(
			eq(t.responseId, v.responseId),
			...seen(t),
			gte(t.startDate, from),
			lte(t.startDate, to)
		) as SQL;
	return { sums, days, rowsFrom: null };
}

/** The month before a month's first day, as `YYYY-MM`. */
function previousMonth(first: string): string {
	const [y, m] = first.split('-').map(Number);
	return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** `visibleTo` of the matrix on a sums table (whose rows are never pending). */
function visibleIn(
	t: typeof shelterActivitySums | typeof shelterItemSums | typeof shelterDaySums,
	actor: Actor,
	organisationId: number | Placeholder = actor.organisationId
): SQL | undefined {
	if (actor.role === 'admin' || actor.role === 'coordinator') return undefined;
	if (actor.role === 'partner' || actor.role === 'field') {
		return or(eq(t.reviewState, 'validated'), eq(t.organisationId, organisationId));
	}
	return eq(t.reviewState, 'validated');
}
