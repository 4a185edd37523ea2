/**
 * Strict checks of what a boundary file holds, before any library walks it: coordinates are
 * pairs of finite numbers in or near Cambodia, rings have at least 4 points, TopoJSON arcs and
 * arc numbers exist, and the whole import has a bounded number of points. Written as flat loops
 * over the only shapes allowed, so a file nested 5,000 deep or holding strings where numbers
 * belong is refused with a message instead of crashing the server.
 */
import { m } from '$lib/paraglide/messages.js';
import type { AreaGeometry, Bbox } from '$lib/domain/geometry';
import { UserError } from '$lib/server/errors';

/** Cambodia with about 100 km to spare on every side (the sea border, the islands). */
const NEAR_CAMBODIA: Bbox = [101.3, 9.0, 108.7, 15.7];

/**
 * Points one import may hold. Geoboundaries' simplified district file has about 172,000; the
 * import simplifies everything anyway, and a million points kept the server busy for 12 s.
 */
const MAX_POINTS = 400_000;

/** What is left of an import's point allowance, shared by its files. */
export class PointBudget {
	constructor(public left = MAX_POINTS) {}
	take(file: string, points: number) {
		this.left -= points;
		if (this.left < 0) {
			throw new UserError(
				m.boundaries_error_too_many_points({ file, max: MAX_POINTS.toLocaleString('en') })
			);
		}
	}
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

const isPosition = (p: unknown): p is number[] =>
	Array.isArray(p) &&
	(p.length === 2 || p.length === 3) &&
	p.every((v) => typeof v === 'number' && Number.isFinite(v));

interface Where {
	file: string;
	n: number;
	code: string;
}

function checkRing(ring: unknown, where: Where, budget: PointBudget) {
	const bad = () => new UserError(m.boundaries_error_coordinates(where));
	if (!Array.isArray(ring) || ring.length < 4) throw bad();
	budget.take(where.file, ring.length);
	const [w, s, e, n] = NEAR_CAMBODIA;
	for (const p of ring) {
		if (!isPosition(p)) throw bad();
		const [lon, lat] = p;
		if (lon < w || lon > e || lat < s || lat > n) {
			throw new UserError(
				m.boundaries_error_outside({ ...where, lon: String(lon), lat: String(lat) })
			);
		}
	}
}

function checkPolygon(rings: unknown, where: Where, budget: PointBudget) {
	if (!Array.isArray(rings) || rings.length === 0) {
		throw new UserError(m.boundaries_error_coordinates(where));
	}
	for (const ring of rings) checkRing(ring, where, budget);
}

/** A Polygon or MultiPolygon with sound coordinates; throws a UserError naming the feature. */
export function checkAreaGeometry(
	geometry: unknown,
	where: Where,
	budget: PointBudget
): AreaGeometry {
	if (!isObject(geometry) || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
		throw new UserError(m.boundaries_error_no_geometry(where));
	}
	const coordinates = geometry.coordinates;
	if (geometry.type === 'Polygon') checkPolygon(coordinates, where, budget);
	else {
		if (!Array.isArray(coordinates) || coordinates.length === 0) {
			throw new UserError(m.boundaries_error_coordinates(where));
		}
		for (const polygon of coordinates) checkPolygon(polygon, where, budget);
	}
	return geometry as unknown as AreaGeometry;
}

const TOPO_TYPES = new Set([
	'Point',
	'MultiPoint',
	'LineString',
	'MultiLineString',
	'Polygon',
	'MultiPolygon',
	'GeometryCollection',
	null
]);

/** Geometry collections inside collections: files from real tools have one level. */
const MAX_COLLECTION_DEPTH = 4;

/**
 * The parts of a TopoJSON Topology that topojson-client trusts: arcs of numeric positions, a
 * sound transform, and objects whose arc numbers exist. Decoding repeats shared arcs, so the
 * points counted are those of every arc reference.
 */
export function checkTopology(file: string, topo: Record<string, unknown>, budget: PointBudget) {
	const damaged = () => new UserError(m.boundaries_error_topology({ file }));
	const arcs = topo.arcs;
	if (!Array.isArray(arcs)) throw damaged();
	for (const arc of arcs) {
		if (!Array.isArray(arc) || !arc.every(isPosition)) throw damaged();
	}
	if (topo.transform !== undefined) {
		const t = topo.transform;
		if (!isObject(t) || !isPosition(t.scale) || !isPosition(t.translate)) throw damaged();
	}
	if (!isObject(topo.objects)) throw damaged();

	const arcLength = (index: unknown): number => {
		if (typeof index !== 'number' || !Number.isInteger(index)) throw damaged();
		const arc = arcs[index < 0 ? ~index : index] as unknown[] | undefined;
		if (!arc) throw damaged();
		return arc.length;
	};
	const line = (refs: unknown) => {
		if (!Array.isArray(refs)) throw damaged();
		budget.take(
			file,
			refs.reduce((sum: number, i) => sum + arcLength(i), 0)
		);
	};
	const lines = (list: unknown) => {
		if (!Array.isArray(list)) throw damaged();
		list.forEach(line);
	};

	const stack: { geometry: unknown; depth: number }[] = Object.values(topo.objects).map(
		(geometry) => ({ geometry, depth: 0 })
	);
	for (let next = stack.pop(); next; next = stack.pop()) {
		const { geometry, depth } = next;
		if (!isObject(geometry) || !TOPO_TYPES.has(geometry.type as string | null)) throw damaged();
		switch (geometry.type) {
			case 'Point':
				if (!isPosition(geometry.coordinates)) throw damaged();
				break;
			case 'MultiPoint':
				if (!Array.isArray(geometry.coordinates) || !geometry.coordinates.every(isPosition))
					throw damaged();
				break;
			case 'LineString':
				line(geometry.arcs);
				break;
			case 'MultiLineString':
			case 'Polygon':
				lines(geometry.arcs);
				break;
			case 'MultiPolygon':
				if (!Array.isArray(geometry.arcs)) throw damaged();
				geometry.arcs.forEach(lines);
				break;
			case 'GeometryCollection':
				if (!Array.isArray(geometry.geometries) || depth >= MAX_COLLECTION_DEPTH) throw damaged();
				for (const g of geometry.geometries) stack.push({ geometry: g, depth: depth + 1 });
				break;
		}
	}
}
