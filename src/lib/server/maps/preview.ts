/**
 * The first picture of a page's map: the same SVG choropleth the sitreps draw, sent inside the
 * page so it reads at once on a slow phone; MapLibre starts only when someone asks for it.
 */
import type { Feature, Geometry } from 'geojson';
import { collectionCredit } from '$lib/domain/credits';
import { m } from '$lib/paraglide/messages.js';
import { formatNumber } from '$lib/format';
import { isAreaGeometry, unionBbox, geometryBbox, type AreaGeometry } from '$lib/domain/geometry';
import type { AdminLevel } from '$lib/domain/places';
import type { Db } from '$lib/server/db';
import { boundaries, boundariesVersion } from '$lib/server/places/geo';
import { simplifyAreas } from '$lib/server/places/simplify';
import { choroplethMap, type MapArea } from '$lib/server/sitreps/svg/map';
import { toSvg } from '$lib/server/sitreps/svg/scene';
import { DrawnCache } from '$lib/server/drawn';

type Locale = 'en' | 'km';
type Area = MapArea & { nameKm: string };

/**
 * The preview is 520 × 360 units and shown at most about twice that size: a tenth of a unit is
 * finer than a pixel, and vertices spanning less than about a square unit cannot be seen. The
 * sitreps keep d3's full precision for print; a page carries this in its HTML and its data.
 */
const DIGITS = 1;
const MAP_UNITS = 330;
/** Shapes drawn per set of areas, kept while the boundaries' version stays the same. */
const MAX_DRAWN = 32;

/** Previews kept per version of the boundaries, by everything else they are drawn from. */
const MAX_SVG = 64;

/**
 * Parsed shapes per level, the simplified ones per set of areas drawn, and the finished SVG per
 * input (figures, titles, language), for one version of the boundaries.
 */
let cache: {
	version: string;
	levels: Map<string, { areas: Area[]; credit: string | undefined }>;
	drawn: Map<string, Area[]>;
	svg: DrawnCache<string | null>;
} = { version: '', levels: new Map(), drawn: new Map(), svg: new DrawnCache(MAX_SVG) };

/** The areas to draw, simplified together for the size the preview draws them at. */
async function areasOf(db: Db, level: AdminLevel, only: string[] | undefined) {
	const version = await boundariesVersion(db);
	if (cache.version !== version) {
		cache = { version, levels: new Map(), drawn: new Map(), svg: new DrawnCache(MAX_SVG) };
	}
	// This version's, even if another request moves `cache` on to a newer one meanwhile.
	const current = cache;
	const key = String(level);
	let shapes = current.levels.get(key);
	if (!shapes) {
		const collection = await boundaries(db, level);
		const areas = collection.features.map((f) => ({
			pcode: f.properties.pcode,
			name: f.properties.nameEn,
			nameKm: f.properties.nameKm,
			geometry: f.geometry as Geometry
		}));
		shapes = { areas, credit: collectionCredit(collection) };
		current.levels.set(key, shapes);
	}
	const all = shapes.areas;
	const wanted = only && new Set(only);
	const drawnKey = `${key}:${only ? [...only].sort().join(',') : '*'}`;
	let drawn = current.drawn.get(drawnKey);
	if (!drawn) {
		drawn = simplified(wanted ? all.filter((a) => wanted.has(a.pcode)) : all);
		if (current.drawn.size >= MAX_DRAWN) current.drawn.clear();
		current.drawn.set(drawnKey, drawn);
	}
	return { areas: drawn, credit: shapes.credit, svg: current.svg };
}

/** Simplified together (shared borders stay shared), to about a unit of the drawing. */
function simplified(areas: Area[]): Area[] {
	const box = unionBbox(areas.map((a) => geometryBbox(a.geometry)));
	if (!box) return areas;
	const degreesPerUnit = Math.max(box[2] - box[0], box[3] - box[1]) / MAP_UNITS;
	const features = areas
		.filter((a) => isAreaGeometry(a.geometry))
		.map((a): Feature<AreaGeometry> => ({
			type: 'Feature',
			properties: {},
			geometry: a.geometry as AreaGeometry
		}));
	if (features.length !== areas.length) return areas;
	const shapes = simplifyAreas(features, {
		minWeight: degreesPerUnit ** 2,
		decimals: 5
	});
	return areas.map((a, i) => ({ ...a, geometry: shapes[i] ?? a.geometry }));
}

export interface PreviewInput {
	title: string;
	level: AdminLevel;
	/** Shaded value per P-code; without values the areas are drawn in `fill`. */
	values?: Record<string, number>;
	legendTitle: string;
	fill?: string;
	/** Draw only these areas (the map fits them); all of the level when absent. */
	only?: string[];
	locale: Locale;
}

/**
 * The map as SVG markup, or null when the level has no shapes to draw. Drawn once per input and
 * version of the boundaries: the figures are part of the input, so a write shows at once.
 */
export async function mapPreview(db: Db, input: PreviewInput): Promise<string | null> {
	const { areas: drawn, credit, svg } = await areasOf(db, input.level, input.only);
	const key = { ...input, only: input.only && [...input.only].sort() };
	return svg.get(key, () => draw(drawn, credit, input));
}

function draw(drawn: Area[], credit: string | undefined, input: PreviewInput): string | null {
	if (!drawn.length) return null;
	const areas: MapArea[] =
		input.locale === 'km' ? drawn.map((a) => ({ ...a, name: a.nameKm })) : drawn;
	const options = { locale: input.locale };
	return toSvg(
		choroplethMap({
			title: input.title,
			areas,
			values: input.values ?? {},
			legendTitle: input.legendTitle,
			pointsTitle: '',
			noDataLabel: m.map_no_data({}, options),
			format: (n) => formatNumber(n, options),
			fill: input.fill,
			credit,
			digits: DIGITS
		})
	);
}
