/**
 * The areas whose bounding box holds a point, from `admin_area_boxes`, kept in step with
 * `admin_areas` by triggers in the writer's transaction: SQLite's R*Tree (migration 0011), or on
 * PostgreSQL a table with a GiST index on each row's box (`drizzle/pg` 0001). The one module that
 * knows that table; each engine's query reads only the boxes around the point.
 */
import { sql } from 'drizzle-orm';
import { engineOf, type Db } from '$lib/server/db';
import { rawRowsNamed, sqliteRows } from '$lib/server/db/raw';

export interface AreaBox {
	pcode: string;
	level: number;
	/** Changes whenever the area's shape does. */
	stamp: number;
}

/** Raw SQL: neither an R*Tree nor a GiST box has a Drizzle form. */
export async function areaBoxesAt(db: Db, lon: number, lat: number): Promise<AreaBox[]> {
	if (engineOf(db) === 'postgres') {
		// The indexed expression as written in the index; `box @> point` would not use it.
		const point = sql`box(point(${lon}::float8, ${lat}::float8), point(${lon}::float8, ${lat}::float8))`;
		return rawRowsNamed<AreaBox>(
			db,
			sql`select pcode, level, stamp from admin_area_boxes
				where box(point(min_lon, min_lat), point(max_lon, max_lat)) @> ${point}`
		);
	}
	// Every field submission asks: its statement compiled once, not built from a template each time.
	return sqliteRows<AreaBox>(db, SQLITE_BOXES_AT, lon, lon, lat, lat);
}

/**
 * `areaBoxesAt` for several points, in the order given: on PostgreSQL one query for all (each
 * point still answered from the GiST index, as alone); SQLite's compiled statement, run for each
 * point, costs less than any query joining them would.
 */
export async function areaBoxesAtEach(
	db: Db,
	points: { lon: number; lat: number }[]
): Promise<AreaBox[][]> {
	if (engineOf(db) !== 'postgres')
		return points.map(({ lon, lat }) =>
			sqliteRows<AreaBox>(db, SQLITE_BOXES_AT, lon, lon, lat, lat)
		);
	if (!points.length) return [];
	// The points as two arrays, each one parameter: a number's text reads back as the same double.
	const array = (xs: number[]) => `{${xs.join(',')}}`;
	const rows = await rawRowsNamed<AreaBox & { i: number }>(
		db,
		sql`select p.i::int as i, b.pcode, b.level, b.stamp
			from unnest(${array(points.map((p) => p.lon))}::float8[], ${array(points.map((p) => p.lat))}::float8[])
				with ordinality as p(lon, lat, i)
			join admin_area_boxes b
				on box(point(b.min_lon, b.min_lat), point(b.max_lon, b.max_lat)) @> box(point(p.lon, p.lat), point(p.lon, p.lat))`
	);
	const each: AreaBox[][] = points.map(() => []);
	for (const { i, pcode, level, stamp } of rows) each[i - 1].push({ pcode, level, stamp });
	return each;
}

const SQLITE_BOXES_AT = `select pcode, level, stamp from admin_area_boxes
	where min_lon <= ? and max_lon >= ? and min_lat <= ? and max_lat >= ?`;
