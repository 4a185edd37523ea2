/**
 * The areas whose bounding box holds a point, from SQLite's R*Tree `admin_area_boxes` (migration
 * 0011, kept in step with `admin_areas` by triggers in the writer's transaction). The one module
 * that knows that table: on PostgreSQL the same question is a GiST index on a box column.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '$lib/server/db';

export interface AreaBox {
	pcode: string;
	level: number;
	/** Changes whenever the area's shape does. */
	stamp: number;
}

/** Raw SQLite (an R*Tree has no Drizzle form): the PostgreSQL step gives it its own module. */
export async function areaBoxesAt(db: Db, lon: number, lat: number): Promise<AreaBox[]> {
	return db.all<AreaBox>(
		sql`select pcode, level, stamp from admin_area_boxes
			where min_lon <= ${lon} and max_lon >= ${lon} and min_lat <= ${lat} and max_lat >= ${lat}`
	);
}
