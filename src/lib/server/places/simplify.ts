/**
 * Simplification of area geometry for storage and drawing. Features are simplified together as a
 * topology, so a border two areas share stays one line: no gaps or overlaps between neighbours.
 */
import type { Feature, FeatureCollection, GeoJsonProperties, Geometry } from 'geojson';
import type { Objects, Topology } from 'topojson-specification';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { feature } from 'topojson-client';
import { isAreaGeometry, roundGeometry, type AreaGeometry } from '$lib/domain/geometry';

export interface SimplifyOptions {
	/**
	 * Smallest triangle area (square degrees) a vertex must span to stay. 1e-6 is about a
	 * 100 m × 200 m triangle at Cambodia's latitude: invisible at province or district zoom.
	 */
	minWeight: number;
	/** Decimal places kept (4 is about 11 m). */
	decimals: number;
}

export const AREA_SIMPLIFY: SimplifyOptions = { minWeight: 1e-6, decimals: 4 };

/** Drops rings a simplification left with fewer than 4 positions, and polygons without a shell. */
function cleanArea(g: AreaGeometry): AreaGeometry | null {
	const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
		.map((rings) => rings.filter((r) => r.length >= 4))
		.filter((rings) => rings.length > 0);
	if (polygons.length === 0) return null;
	return polygons.length === 1
		? { type: 'Polygon', coordinates: polygons[0] }
		: { type: 'MultiPolygon', coordinates: polygons };
}

/** Simplifies a topology in place-safe fashion and returns its object's features. */
function simplifyTopology(
	topo: Topology,
	objectName: string,
	options: SimplifyOptions = AREA_SIMPLIFY
): Feature<Geometry | null>[] {
	// The typings want property-less objects; the properties pass through untouched.
	const simplified = simplify(presimplify(topo as Topology<Objects<object>>), options.minWeight);
	const fc = feature(simplified, simplified.objects[objectName]);
	const features = 'features' in fc ? fc.features : [fc];
	return features.map((f) => ({
		...f,
		geometry: f.geometry ? roundGeometry(f.geometry, options.decimals) : null
	}));
}

/** Simplifies area features together; geometries that vanish come back as null. */
export function simplifyAreas<P extends GeoJsonProperties>(
	features: Feature<AreaGeometry, P>[],
	options: SimplifyOptions = AREA_SIMPLIFY
): (AreaGeometry | null)[] {
	const collection: FeatureCollection = { type: 'FeatureCollection', features };
	const topo = topology({ areas: collection }, 1e6);
	return simplifyTopology(topo, 'areas', options).map((f) =>
		isAreaGeometry(f.geometry) ? cleanArea(f.geometry) : null
	);
}
