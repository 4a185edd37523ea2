/**
 * Plain geometry helpers shared by the maps (browser) and the boundary import (server): bounding
 * boxes, coordinate rounding and the GeoJSON shapes admin areas use. No I/O, no map library.
 */
import type {
	Feature,
	FeatureCollection,
	Geometry,
	MultiPolygon,
	Point,
	Polygon,
	Position
} from 'geojson';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { bboxContains, geometryBbox } from './bbox';

export type { Bbox } from './bbox';
export { bboxContains, featureCollectionBbox, geometryBbox, positions, unionBbox } from './bbox';
export { isLonLat } from './lonlat';

export type AreaGeometry = Polygon | MultiPolygon;

export function isAreaGeometry(g: Geometry | null | undefined): g is AreaGeometry {
	return !!g && (g.type === 'Polygon' || g.type === 'MultiPolygon');
}

/** Rounds every coordinate to `decimals` places (4 is about 11 m): smaller files, same map. */
export function roundGeometry<G extends Geometry>(g: G, decimals: number): G {
	const f = 10 ** decimals;
	const round = (p: Position): Position => p.map((v) => Math.round(v * f) / f);
	const walk = (c: unknown): unknown =>
		typeof (c as number[])[0] === 'number' ? round(c as Position) : (c as unknown[]).map(walk);
	if (g.type === 'GeometryCollection') {
		return { ...g, geometries: g.geometries.map((x) => roundGeometry(x, decimals)) };
	}
	return {
		...g,
		coordinates: walk((g as Exclude<Geometry, { type: 'GeometryCollection' }>).coordinates)
	};
}

export type AreaFeature<P = Record<string, unknown>> = Feature<AreaGeometry, P>;

/** Twice the signed planar area of a ring (shoelace); only its size matters here. */
function ringArea(ring: Position[]): number {
	let a = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
	}
	return a;
}

function ringCentroid(ring: Position[]): Position | null {
	let a = 0;
	let x = 0;
	let y = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
		a += f;
		x += (ring[j][0] + ring[i][0]) * f;
		y += (ring[j][1] + ring[i][1]) * f;
	}
	return a === 0 ? null : [x / (3 * a), y / (3 * a)];
}

/** The middle of the widest inside stretch of a horizontal line through the polygon at `y`. */
function widestSpanMiddle(rings: Position[][], y: number): { x: number; width: number } | null {
	const xs: number[] = [];
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [x1, y1] = ring[j];
			const [x2, y2] = ring[i];
			if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
		}
	}
	xs.sort((a, b) => a - b);
	let best: { x: number; width: number } | null = null;
	for (let i = 0; i + 1 < xs.length; i += 2) {
		const width = xs[i + 1] - xs[i];
		if (!best || width > best.width) best = { x: (xs[i] + xs[i + 1]) / 2, width };
	}
	return best;
}

/**
 * Where to put an area's label: inside its largest part, at the centroid when that lies inside
 * (concave or holed shapes may not), else in the middle of the widest horizontal stretch.
 * One point per area, so multi-part areas (islands) are labelled once.
 */
export function labelPoint(g: AreaGeometry): Position | null {
	const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
	let largest: Position[][] | null = null;
	for (const p of polygons) {
		if (p[0] && (!largest || Math.abs(ringArea(p[0])) > Math.abs(ringArea(largest[0]))))
			largest = p;
	}
	if (!largest) return null;
	const polygon: Polygon = { type: 'Polygon', coordinates: largest };
	const c = ringCentroid(largest[0]);
	if (c && booleanPointInPolygon(c, polygon)) return c;
	const box = geometryBbox(polygon);
	if (!box) return null;
	let best: { x: number; y: number; width: number } | null = null;
	for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
		const y = box[1] + (box[3] - box[1]) * t;
		const span = widestSpanMiddle(largest, y);
		if (span && (!best || span.width > best.width)) best = { ...span, y };
	}
	return best ? [best.x, best.y] : null;
}

/** A label point per area feature, with the feature's properties: for symbol layers. */
export function labelPoints<P>(
	fc: FeatureCollection<AreaGeometry, P>
): FeatureCollection<Point, P> {
	const features: Feature<Point, P>[] = [];
	for (const f of fc.features) {
		const at = labelPoint(f.geometry);
		if (at)
			features.push({
				type: 'Feature',
				id: f.id,
				properties: f.properties,
				geometry: { type: 'Point', coordinates: at }
			});
	}
	return { type: 'FeatureCollection', features };
}

/** The first area feature containing the point (boxes checked first), or null. */
export function areaAt<F extends Feature<AreaGeometry, unknown>>(
	features: F[],
	lon: number,
	lat: number
): F | null {
	for (const f of features) {
		const box = geometryBbox(f.geometry);
		if (box && bboxContains(box, lon, lat) && booleanPointInPolygon([lon, lat], f.geometry)) {
			return f;
		}
	}
	return null;
}
