import { asc, eq } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { adminAreas } from '$lib/server/db/schema';

/** Areas of one level, without geometry: for pickers and labels. */
export function listAreas(db: Db, level: 1 | 2 | 3) {
	return db
		.select({
			pcode: adminAreas.pcode,
			parentPcode: adminAreas.parentPcode,
			nameEn: adminAreas.nameEn,
			nameKm: adminAreas.nameKm
		})
		.from(adminAreas)
		.where(eq(adminAreas.level, level))
		.orderBy(asc(adminAreas.nameEn))
		.all();
}

export const listProvinces = (db: Db) => listAreas(db, 1);
