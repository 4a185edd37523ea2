/** Where shelter records are: checking P-codes and finding them from points. */
import { and, eq, isNotNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { pcodeLevel, provinceOf } from '$lib/domain/places';
import type { Db } from '$lib/server/db';
import { adminAreas } from '$lib/server/db/schema';
import { fieldError } from '$lib/server/errors';
import { pcodeAt } from '$lib/server/places/geo';

export function knownPcode(db: Db, pcode: string): boolean {
	return !!db
		.select({ pcode: adminAreas.pcode })
		.from(adminAreas)
		.where(eq(adminAreas.pcode, pcode))
		.get();
}

/** The province and district a P-code lies in, for the matrix's grouping. */
export function areaKeys(pcode: string | null) {
	if (!pcode) return { provincePcode: null, districtPcode: null };
	const level = pcodeLevel(pcode);
	return {
		provincePcode: provinceOf(pcode),
		districtPcode: level && level >= 2 ? pcode.slice(0, 6) : null
	};
}

function haveShapes(db: Db): boolean {
	return !!db
		.select({ pcode: adminAreas.pcode })
		.from(adminAreas)
		.where(and(eq(adminAreas.level, 1), isNotNull(adminAreas.geometry)))
		.limit(1)
		.get();
}

/**
 * The P-code for a point: the one given (checked), else the finest area containing the point.
 * A point outside every province is refused once province shapes exist.
 */
export function resolvePointPcode(
	db: Db,
	lon: number,
	lat: number,
	given: string | null
): string | null {
	if (given && !knownPcode(db, given)) throw fieldError('pcode', m.error_pcode_unknown());
	const found = pcodeAt(db, lon, lat);
	if (!found && haveShapes(db)) throw fieldError('lon', m.shel_error_outside());
	return given ?? found;
}
