/**
 * The first picture of a page's map: the same SVG choropleth the sitreps draw, shown at once on a
 * slow phone; MapLibre starts only when someone asks for it. A page's data carries only its link
 * (`previewLink`, a `DrawnLink`): the server puts the SVG itself into the page's HTML once
 * (`withDrawings` in `$lib/server/drawn`, in the page's font, readable without scripts), where it
 * used to come twice, in the HTML and again in the data the page starts from. A page opened in
 * the browser (no HTML from the server) fetches it from the link, /map/preview.svg, whose address
 * holds everything it is drawn from, so the browser keeps it until the figures or the shapes
 * change.
 */
import type { Feature, Geometry } from 'geojson';
import { collectionCredit } from '$lib/domain/credits';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { formatNumber } from '$lib/format';
import { isAreaGeometry, unionBbox, geometryBbox, type AreaGeometry } from '$lib/domain/geometry';
import { PROVINCE_COLOURS } from '$lib/components/map/colours';
import type { AdminLevel } from '$lib/domain/places';
import type { Db } from '$lib/server/db';
import { boundaries, boundariesVersion } from '$lib/server/places/geo';
import { simplifyAreas } from '$lib/server/places/simplify';
import { choroplethMap, type MapArea } from '$lib/server/sitreps/svg/map';
import { toSvg } from '$lib/server/sitreps/svg/scene';
import { DrawnCache, drawnLink, type DrawnLink, type Drawing } from '$lib/server/drawn';

type Locale = 'en' | 'km';
type Area = MapArea & { nameKm: string };

/**
 * The preview is 520 × 360 units and shown at most about twice that size: a tenth of a unit is
 * finer than a pixel, and vertices spanning less than about a square unit cannot be seen. The
 * sitreps keep d3's full precision for print.
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
	return { areas: drawn, credit: shapes.credit, svg: current.svg, version };
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
	return previewOf(await areasOf(db, input.level, input.only), input);
}

/** The preview of `input` from its areas as `areasOf` read them. */
function previewOf(
	{ areas: drawn, credit, svg }: Awaited<ReturnType<typeof areasOf>>,
	input: PreviewInput
): string | null {
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

/**
 * The maps pages link to, each with its own title and legend: the 4W's households reached, the
 * returns' arrivals by destination, the assessment map's assessments by province, the map page's
 * provinces.
 */
const KINDS = {
	reached: (locale: Locale) => ({
		title: m.shel_map_reached({}, { locale }),
		legendTitle: m.shel_col_hh({}, { locale })
	}),
	arrivals: (locale: Locale) => ({
		title: m.ret_dash_map({}, { locale }),
		legendTitle: m.ret_dash_destinations({}, { locale })
	}),
	assessments: (locale: Locale) => ({
		title: m.assess_map_title({}, { locale }),
		legendTitle: m.assess_col_assessments({}, { locale })
	}),
	provinces: (locale: Locale) => ({
		title: m.map_provinces({}, { locale }),
		legendTitle: m.map_provinces({}, { locale }),
		fill: PROVINCE_COLOURS.fill
	})
} satisfies Record<string, (locale: Locale) => Omit<PreviewInput, 'level' | 'locale'>>;

/** What a preview's address says: everything it is drawn from but the shapes. */
export interface PreviewRequest {
	kind: keyof typeof KINDS;
	level: AdminLevel;
	/** The figures per P-code, shaded; none for a map of the areas alone. */
	values?: Record<string, number>;
	/** Only the areas with figures (the map fits them); all of the level otherwise. */
	onlyValued?: boolean;
	locale: Locale;
}

/** A page's link to its map's preview: the address and what the picture shows (its alt text). */
export type PreviewLink = DrawnLink;

export const PREVIEW_PATH = '/map/preview.svg';
const PCODE = /^KH\d{2,8}$/;

function inputOf(request: PreviewRequest): PreviewInput {
	const values = request.values;
	return {
		...KINDS[request.kind](request.locale),
		level: request.level,
		values,
		only: request.onlyValued ? Object.keys(values ?? {}) : undefined,
		locale: request.locale
	};
}

/**
 * The link a page shows its map's preview by, or null when the level has no shapes to draw. The
 * address holds the figures and the boundaries' version, so it names one picture for good.
 */
export async function previewLink(db: Db, request: PreviewRequest): Promise<PreviewLink | null> {
	const input = inputOf(request);
	// Read once for the link and the picture both (the version is a query).
	const shapes = await areasOf(db, input.level, input.only);
	const { areas, version } = shapes;
	if (!areas.length) return null;
	const q = [
		`kind=${request.kind}`,
		`level=${request.level}`,
		`lang=${request.locale}`,
		`b=${encodeURIComponent(version)}`
	];
	const values = Object.entries(request.values ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
	if (request.values) q.push(`v=${values.map(([p, n]) => `${p}:${n}`).join(',')}`);
	if (request.onlyValued) q.push('only=1');
	const src = `${PREVIEW_PATH}?${q.join('&')}`;
	return drawnLink(src, input.title, previewOf(shapes, input));
}

const requestSchema = z.object({
	kind: z.enum(Object.keys(KINDS) as [keyof typeof KINDS, ...(keyof typeof KINDS)[]]),
	level: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2), z.literal(3)])),
	lang: z.enum(['en', 'km']),
	b: z.string().max(100).optional(),
	v: z
		.string()
		.max(20_000)
		.transform((v, ctx) => {
			const values: Record<string, number> = {};
			for (const pair of v ? v.split(',') : []) {
				const [pcode, n] = pair.split(':');
				if (!PCODE.test(pcode ?? '') || !/^\d+(\.\d+)?$/.test(n ?? '')) {
					ctx.addIssue({ code: 'custom', message: `not a P-code and a figure: ${pair}` });
					return z.NEVER;
				}
				values[pcode] = Number(n);
			}
			return values;
		})
		.optional(),
	only: z.literal('1').optional()
});

/**
 * The preview a link (`previewLink`) names, read from its address: the SVG, the version of the
 * boundaries it was drawn with, whether the link named that version (then it never changes), and
 * an ETag for everything it was drawn from. Null for an address no link makes.
 */
export async function previewAt(db: Db, url: URL): Promise<Drawing | null> {
	const parsed = requestSchema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) return null;
	const { kind, level, lang, b, v, only } = parsed.data;
	const input = inputOf({ kind, level, values: v, onlyValued: !!only, locale: lang });
	const { version } = await areasOf(db, input.level, input.only);
	return {
		etag: `"${DrawnCache.keyOf({ input, version })}"`,
		lasting: b === version,
		svg: () => mapPreview(db, input)
	};
}
