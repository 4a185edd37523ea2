/**
 * A province choropleth with proportional points, a legend and a scale bar, projected with
 * d3-geo's Mercator fitted to the provinces shown.
 */
import { geoDistance, geoMercator, geoPath } from 'd3-geo';
import { scaleSqrt } from 'd3-scale';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { colourScale } from '$lib/components/map/colour';
import type { Scene, Shape } from './scene';

export interface MapArea {
	pcode: string;
	name: string;
	/** GeoJSON geometry, as stored in `admin_areas`. */
	geometry: Geometry;
}

export interface ChoroplethInput {
	title: string;
	areas: MapArea[];
	/** The shaded value per P-code; areas without one are "no data". */
	values: Record<string, number>;
	/** Circles at each area's centroid, sized by value. */
	points?: Record<string, number>;
	legendTitle: string;
	pointsTitle: string;
	noDataLabel: string;
	format: (n: number) => string;
	/** One colour for every area instead of shading by value: a plain map of the areas. */
	fill?: string;
	/** The attribution its shapes' licences require, drawn under the map. */
	credit?: string;
	width?: number;
	height?: number;
	/** Decimals of the shapes' coordinates (d3's 3 by default; a page's preview needs fewer). */
	digits?: number;
}

const EARTH_RADIUS_KM = 6371;
const LEGEND_WIDTH = 150;
const MARGIN = 10;

/** The largest 1, 2 or 5 × 10ⁿ not above `max`. */
export function niceLength(max: number): number {
	const power = 10 ** Math.floor(Math.log10(max));
	return [5, 2, 1].map((f) => f * power).find((v) => v <= max) ?? power;
}

/** Twice the ring's signed planar area: positive when counter-clockwise. */
function ringArea(ring: Position[]): number {
	let sum = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
	}
	return sum;
}

/**
 * d3-geo reads rings on the sphere: an outer ring must run clockwise, or it means the whole
 * globe but that area. GeoJSON files (RFC 7946) wind the other way round, so wind them for d3.
 */
export function windForD3(g: Geometry): Geometry {
	const polygon = (rings: Position[][]) =>
		rings.map((ring, i) => {
			const ccw = ringArea(ring) > 0;
			// Outer rings clockwise, holes counter-clockwise.
			return (i === 0) === ccw ? [...ring].reverse() : ring;
		});
	if (g.type === 'Polygon') return { ...g, coordinates: polygon(g.coordinates) };
	if (g.type === 'MultiPolygon') return { ...g, coordinates: g.coordinates.map(polygon) };
	return g;
}

export function choroplethMap(input: ChoroplethInput): Scene {
	const width = input.width ?? 520;
	const height = input.height ?? 360;
	const mapWidth = width - LEGEND_WIDTH - MARGIN * 2;
	const mapHeight = height - MARGIN * 2 - 24;
	const features: Feature[] = input.areas.map((a) => ({
		type: 'Feature',
		properties: { pcode: a.pcode },
		geometry: windForD3(a.geometry)
	}));
	const collection: FeatureCollection = { type: 'FeatureCollection', features };
	const projection = geoMercator().fitExtent(
		[
			[MARGIN, MARGIN],
			[MARGIN + mapWidth, MARGIN + mapHeight]
		],
		collection
	);
	const path = geoPath(projection).digits(input.digits ?? 3);
	const scale = colourScale(input.areas.map((a) => input.values[a.pcode]));
	const shapes: Shape[] = [];

	for (const f of features) {
		const d = path(f);
		if (!d) continue;
		const pcode = String(f.properties?.pcode);
		shapes.push({
			kind: 'path',
			d,
			fill: input.fill ?? scale.colourOf(input.values[pcode]),
			stroke: '#ffffff',
			strokeWidth: 0.8
		});
	}

	const pointValues = input.points ?? {};
	const maxPoint = Math.max(0, ...Object.values(pointValues));
	const radius = scaleSqrt()
		.domain([0, maxPoint || 1])
		.range([0, 18]);
	for (const f of features) {
		const v = pointValues[String(f.properties?.pcode)];
		if (!v) continue;
		const [cx, cy] = path.centroid(f);
		if (!Number.isFinite(cx)) continue;
		shapes.push({
			kind: 'circle',
			cx,
			cy,
			r: radius(v),
			fill: '#f4a259',
			stroke: '#7a3e00',
			opacity: 0.75
		});
	}

	// Legend: the classes, then the circles.
	const lx = width - LEGEND_WIDTH;
	let ly = MARGIN + 4;
	shapes.push({ kind: 'text', x: lx, y: ly + 8, text: input.legendTitle, size: 10, bold: true });
	ly += 16;
	const items = input.fill
		? [{ colour: input.fill, label: input.legendTitle }]
		: scale.legend(input.format, input.noDataLabel);
	for (const item of items) {
		shapes.push({ kind: 'rect', x: lx, y: ly, w: 14, h: 10, fill: item.colour, stroke: '#888888' });
		shapes.push({ kind: 'text', x: lx + 20, y: ly + 9, text: item.label, size: 9 });
		ly += 15;
	}
	if (maxPoint > 0) {
		ly += 8;
		shapes.push({ kind: 'text', x: lx, y: ly + 8, text: input.pointsTitle, size: 10, bold: true });
		ly += 14;
		const r = radius(maxPoint);
		shapes.push({
			kind: 'circle',
			cx: lx + r,
			cy: ly + r,
			r,
			fill: '#f4a259',
			stroke: '#7a3e00',
			opacity: 0.75
		});
		shapes.push({
			kind: 'text',
			x: lx + 2 * r + 6,
			y: ly + r + 3,
			text: input.format(maxPoint),
			size: 9
		});
	}

	// Scale bar: kilometres per pixel at the map's middle, a round length about a quarter wide.
	const y = MARGIN + mapHeight / 2;
	const a = projection.invert?.([MARGIN, y]);
	const b = projection.invert?.([MARGIN + mapWidth, y]);
	if (a && b) {
		const kmPerPx = (geoDistance(a, b) * EARTH_RADIUS_KM) / mapWidth;
		const km = niceLength((mapWidth / 4) * kmPerPx);
		const px = km / kmPerPx;
		// Under the provinces' lower left corner, so it stays by the map whatever its shape.
		const [[left], [, bottom]] = path.bounds(collection);
		const bx = Number.isFinite(left) ? left : MARGIN;
		const by = Math.min(height - MARGIN - 6, (Number.isFinite(bottom) ? bottom : height) + 8);
		shapes.push({ kind: 'rect', x: bx, y: by, w: px, h: 4, fill: '#1d2327' });
		shapes.push({ kind: 'text', x: bx + px + 6, y: by + 5, text: `${km} km`, size: 9 });
	}
	if (input.credit) {
		shapes.push({
			kind: 'text',
			x: width - MARGIN,
			y: height - 3,
			text: input.credit,
			size: 9,
			anchor: 'end',
			fill: '#555555'
		});
	}
	return { width, height, title: input.title, shapes };
}
