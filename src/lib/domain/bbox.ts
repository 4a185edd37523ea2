/**
 * Bounding boxes of GeoJSON geometries, apart from geometry.ts (which re-exports them) so a page
 * that only frames a map does not load the point-in-polygon library.
 */
import type { FeatureCollection, Geometry, Position } from 'geojson';

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

/** Every position of a geometry, whatever its nesting. */
export function* positions(g: Geometry): Generator<Position> {
	switch (g.type) {
		case 'Point':
			yield g.coordinates;
			break;
		case 'MultiPoint':
		case 'LineString':
			yield* g.coordinates;
			break;
		case 'MultiLineString':
		case 'Polygon':
			for (const line of g.coordinates) yield* line;
			break;
		case 'MultiPolygon':
			for (const polygon of g.coordinates) for (const ring of polygon) yield* ring;
			break;
		case 'GeometryCollection':
			for (const part of g.geometries) yield* positions(part);
			break;
	}
}

/** The bounding box of a geometry, or null when it has no position. */
export function geometryBbox(g: Geometry): Bbox | null {
	let w = Infinity;
	let s = Infinity;
	let e = -Infinity;
	let n = -Infinity;
	for (const [x, y] of positions(g)) {
		if (x < w) w = x;
		if (x > e) e = x;
		if (y < s) s = y;
		if (y > n) n = y;
	}
	return w === Infinity ? null : [w, s, e, n];
}

/** The box around several boxes (null entries ignored), or null if there is none. */
export function unionBbox(boxes: Iterable<Bbox | null | undefined>): Bbox | null {
	let out: Bbox | null = null;
	for (const b of boxes) {
		if (!b) continue;
		out = out
			? [
					Math.min(out[0], b[0]),
					Math.min(out[1], b[1]),
					Math.max(out[2], b[2]),
					Math.max(out[3], b[3])
				]
			: [...b];
	}
	return out;
}

export function featureCollectionBbox(fc: FeatureCollection): Bbox | null {
	return unionBbox(fc.features.map((f) => (f.geometry ? geometryBbox(f.geometry) : null)));
}

export function bboxContains(b: Bbox, lon: number, lat: number): boolean {
	return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}
