/**
 * The first picture of a page's map: the same SVG choropleth the sitreps draw, sent inside the
 * page so it reads at once on a slow phone; MapLibre starts only when someone asks for it.
 */
import type { Geometry } from 'geojson';
import { collectionCredit } from '$lib/domain/credits';
import { m } from '$lib/paraglide/messages.js';
import { formatNumber } from '$lib/format';
import type { AdminLevel } from '$lib/domain/places';
import type { Db } from '$lib/server/db';
import { boundaries, boundariesVersion } from '$lib/server/places/geo';
import { choroplethMap, type MapArea } from '$lib/server/sitreps/svg/map';
import { toSvg } from '$lib/server/sitreps/svg/scene';

type Locale = 'en' | 'km';

/** Parsed shapes per level, kept while the boundaries' version stays the same. */
const shapes = new Map<
	string,
	{ version: string; areas: (MapArea & { nameKm: string })[]; credit: string | undefined }
>();

/** The level's areas in the reader's language, and the credit their shapes' licences ask for. */
async function areasOf(db: Db, level: AdminLevel, locale: Locale) {
	const version = await boundariesVersion(db);
	const key = String(level);
	let cached = shapes.get(key);
	if (!cached || cached.version !== version) {
		const collection = await boundaries(db, level);
		const areas = collection.features.map((f) => ({
			pcode: f.properties.pcode,
			name: f.properties.nameEn,
			nameKm: f.properties.nameKm,
			geometry: f.geometry as Geometry
		}));
		cached = { version, areas, credit: collectionCredit(collection) };
		shapes.set(key, cached);
	}
	const areas: MapArea[] =
		locale === 'km' ? cached.areas.map((a) => ({ ...a, name: a.nameKm })) : cached.areas;
	return { areas, credit: cached.credit };
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

/** The map as SVG markup, or null when the level has no shapes to draw. */
export async function mapPreview(db: Db, input: PreviewInput): Promise<string | null> {
	const { credit, ...level } = await areasOf(db, input.level, input.locale);
	let areas = level.areas;
	if (input.only) {
		const wanted = new Set(input.only);
		areas = areas.filter((a) => wanted.has(a.pcode));
	}
	if (!areas.length) return null;
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
			credit
		})
	);
}
