/** Places: P-codes, named locations and the plain geometry helpers the maps and imports share. */
import type { FeatureCollection } from 'geojson';
import type { AreaGeometry, Bbox } from './geometry';

export const LOCATION_KINDS = [
	'border_crossing',
	'transit_centre',
	'warehouse',
	'health_facility',
	'other'
] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export const ADMIN_LEVELS = [1, 2, 3] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

/** The level a P-code names, from its length: `KH01` 1, `KH0110` 2, `KH011001` 3. */
export function pcodeLevel(pcode: string): AdminLevel | null {
	if (!/^KH\d+$/.test(pcode)) return null;
	const digits = pcode.length - 2;
	return digits === 2 ? 1 : digits === 4 ? 2 : digits === 6 ? 3 : null;
}

/** The P-code of the area one level up, or null for a province. */
export function parentPcode(pcode: string): string | null {
	const level = pcodeLevel(pcode);
	return level && level > 1 ? pcode.slice(0, 2 + 2 * (level - 1)) : null;
}

/** The province a P-code lies in. */
export function provinceOf(pcode: string): string {
	return pcode.slice(0, 4);
}

/** The province and district a P-code lies in, kept beside records for grouping. */
export function areaKeys(pcode: string | null) {
	const level = pcode ? pcodeLevel(pcode) : null;
	return {
		provincePcode: pcode ? provinceOf(pcode) : null,
		districtPcode: pcode && level && level >= 2 ? pcode.slice(0, 6) : null
	};
}

/**
 * True when an area given for a record and the area its point lies in cannot both be right:
 * neither holds the other (Pursat given, a point in Battambang). A district given for a point
 * found only to its province agrees.
 */
export function areasDisagree(given: string | null, point: string | null): boolean {
	if (!given || !point) return false;
	return !given.startsWith(point) && !point.startsWith(given);
}

/** ISO 3166-2 `KH-n` to the province P-code `KHnn`. */
export function isoToPcode(iso: string): string | null {
	const match = /^KH-(\d{1,2})$/.exec(iso.trim());
	if (!match) return null;
	const n = Number(match[1]);
	return n >= 1 && n <= 25 ? `KH${String(n).padStart(2, '0')}` : null;
}

/** Cambodia's extent with a margin, [west, south, east, north]: points outside are mistakes. */
export const CAMBODIA_BBOX: [number, number, number, number] = [102.3, 9.9, 107.7, 14.7];

export function inCambodiaBbox(lon: number, lat: number): boolean {
	const [w, s, e, n] = CAMBODIA_BBOX;
	return lon >= w && lon <= e && lat >= s && lat <= n;
}

/** What each admin-area feature carries on the maps; the feature's `id` is its P-code too. */
export interface BoundaryProperties {
	pcode: string;
	level: AdminLevel;
	parentPcode: string | null;
	nameEn: string;
	nameKm: string;
	/** `natural-earth` for the approximate default, else the imported file's name. */
	source: string | null;
}

export type BoundaryCollection = FeatureCollection<AreaGeometry, BoundaryProperties> & {
	bbox?: Bbox;
};
