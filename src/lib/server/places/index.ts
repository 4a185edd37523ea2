/**
 * Every rule about places: which P-codes exist, the areas under an area, whether shapes exist,
 * and which area a point lies in. Other areas ask here rather than reading `admin_areas`.
 */
import { and, asc, eq, inArray, isNotNull, like, lte, or, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { AdminLevel } from '$lib/domain/places';
import type { Db } from '$lib/server/db';
import { adminAreas } from '$lib/server/db/schema';
import { first } from '$lib/server/db/transaction';
import { prepared } from '$lib/server/db/statements';
import { fieldError } from '$lib/server/errors';
import { areaBoxesAtEach, type AreaBox } from './boxes';
import { pcodeAt } from './geo';

export { pcodeAt };

const areaColumns = {
	pcode: adminAreas.pcode,
	level: adminAreas.level,
	parentPcode: adminAreas.parentPcode,
	nameEn: adminAreas.nameEn,
	nameKm: adminAreas.nameKm
};

/** Areas of one level, without geometry: for pickers and labels. */
async function listAreas(db: Db, level: AdminLevel) {
	return await db
		.select(areaColumns)
		.from(adminAreas)
		.where(eq(adminAreas.level, level))
		.orderBy(asc(adminAreas.nameEn));
}

export const listProvinces = (db: Db) => listAreas(db, 1);
export const listDistricts = (db: Db) => listAreas(db, 2);

/** The known areas among the P-codes given, by P-code: the names a page shows beside codes. */
export async function areasByPcode(db: Db, pcodes: (string | null | undefined)[]) {
	const wanted = [...new Set(pcodes.filter((p): p is string => !!p))];
	if (!wanted.length) return {};
	const found = await db
		.select(areaColumns)
		.from(adminAreas)
		.where(inArray(adminAreas.pcode, wanted));
	return Object.fromEntries(found.map((a) => [a.pcode, a]));
}

/** Every area of every level, in P-code order (a province before its districts). */
export async function allAreas(db: Db) {
	return await db.select(areaColumns).from(adminAreas).orderBy(asc(adminAreas.pcode));
}

/**
 * The provinces given and every area inside them, in P-code order: a response's places; down to
 * `deepest` only when given (the pages that list provinces and districts read no communes).
 */
export async function areasUnder(db: Db, provinces: string[], deepest?: AdminLevel) {
	if (!provinces.length) return [];
	// Built once per number of provinces and depth, with placeholders: most pages of a response run it.
	const n = provinces.length;
	const query = prepared(db, `places.areasUnder.${n}.${deepest ?? 'all'}`, (d) => {
		const ids = provinces.map((_, i) => i);
		return d
			.select(areaColumns)
			.from(adminAreas)
			.where(
				and(
					or(
						inArray(
							adminAreas.pcode,
							ids.map((i) => sql.placeholder(`p${i}`))
						),
						...ids.map((i) => like(adminAreas.pcode, sql.placeholder(`under${i}`)))
					),
					deepest ? lte(adminAreas.level, sql.placeholder('deepest')) : undefined
				)
			)
			.orderBy(asc(adminAreas.pcode))
			.prepare();
	});
	const values: Record<string, unknown> = { deepest };
	provinces.forEach((p, i) => {
		values[`p${i}`] = p;
		values[`under${i}`] = `${p}%`;
	});
	return await query.execute(values);
}

/** One area's names and level, or undefined for a P-code the app does not know. */
export async function getArea(db: Db, pcode: string) {
	return await first(db.select(areaColumns).from(adminAreas).where(eq(adminAreas.pcode, pcode)));
}

/** Do any provinces have shapes? Without them, only the box around Cambodia can be checked. */
export async function haveShapes(db: Db): Promise<boolean> {
	const shape = await first(
		db
			.select({ pcode: adminAreas.pcode })
			.from(adminAreas)
			.where(and(eq(adminAreas.level, 1), isNotNull(adminAreas.geometry)))
	);
	return !!shape;
}

/**
 * Every P-code given is a known area (of `level`, when given); otherwise a refusal at the first
 * unknown one's field. Empty P-codes are left to the schema, which says whether they may be.
 */
export async function assertPcodes(
	db: Db,
	items: { field: string; pcode: string | null | undefined }[],
	level?: AdminLevel
): Promise<void> {
	const wanted = items.filter((i): i is { field: string; pcode: string } => !!i.pcode);
	if (!wanted.length) return;
	const rows = await db
		.select({ pcode: adminAreas.pcode })
		.from(adminAreas)
		.where(
			and(
				inArray(
					adminAreas.pcode,
					wanted.map((w) => w.pcode)
				),
				level ? eq(adminAreas.level, level) : undefined
			)
		);
	const known = new Set(rows.map((r) => r.pcode));
	const bad = wanted.find((w) => !known.has(w.pcode));
	if (bad) throw fieldError(bad.field, m.error_pcode_unknown());
}

/** Where a record with a point is: the P-code given (checked) and the one the point lies in. */
export interface Located {
	/** The P-code the record keeps: the one given, else the point's. */
	pcode: string | null;
	/** The finest area holding the point, whatever was given. */
	pointPcode: string | null;
}

/**
 * Checks a P-code given with a point and finds the point's own. A point outside every province
 * is refused (at `lon`) once province shapes exist; before that, only the schema's box around
 * Cambodia can judge it.
 */
export async function locate(
	db: Db,
	lon: number,
	lat: number,
	given: string | null,
	/** The areas whose box holds the point, when already read (`locateEach`). */
	boxes?: Promise<AreaBox[]>
): Promise<Located> {
	await assertPcodes(db, [{ field: 'pcode', pcode: given }]);
	const pointPcode = await pcodeAt(db, lon, lat, boxes);
	if (!pointPcode && (await haveShapes(db))) throw fieldError('lon', m.error_point_outside());
	return { pcode: given ?? pointPcode, pointPcode };
}

/**
 * `locate` for several records (a batch's), each its own answer or refusal, in the order given:
 * the boxes around all their points read at once (`areaBoxesAtEach`).
 */
export function locateEach(
	db: Db,
	items: { lon: number; lat: number; pcode?: string | null }[]
): Promise<Located>[] {
	const boxes = areaBoxesAtEach(db, items);
	boxes.catch(() => {});
	return items.map(({ lon, lat, pcode }, i) =>
		locate(
			db,
			lon,
			lat,
			pcode ?? null,
			boxes.then((each) => each[i])
		)
	);
}

/** The area holding a point, with its names: the map page's "where is this?". */
export async function areaAt(db: Db, lon: number, lat: number) {
	const pcode = await pcodeAt(db, lon, lat);
	return pcode ? ((await getArea(db, pcode)) ?? null) : null;
}
