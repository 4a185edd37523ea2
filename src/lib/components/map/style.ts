/**
 * The built-in offline style: the Natural Earth basemap served from `static/basemap`, labels in
 * the page's language drawn with the bundled Noto Sans fonts through MapLibre's `font-faces`
 * (no `glyphs` URL, so nothing is fetched from elsewhere). Pure: the caller passes the URLs.
 */
import type { StyleSpecification } from 'maplibre-gl';

/** The one font name symbol layers use in `text-font`. */
export const MAP_FONT = 'Noto Sans Regular';
export const MAP_TEXT_FONT = [MAP_FONT];

export interface FontUrls {
	latin: string;
	khmer: string;
}

const NATURAL_EARTH_ATTRIBUTION =
	'<a href="https://www.naturalearthdata.com/">Natural Earth</a> (public domain)';

/** The style's colours, shared with legends and the area layers that sit on it. */
const BASEMAP_COLOURS = {
	sea: '#cfe3ef',
	land: '#f1efe9',
	cambodia: '#fbfaf7',
	water: '#a9cde3',
	border: '#8a8577',
	label: '#5c5a55',
	seaLabel: '#2f6487'
};

/** A MapLibre expression choosing the Khmer or English name from `name_km` / `name_en`. */
export function nameField(locale: string, km = 'name_km', en = 'name_en') {
	return locale === 'km'
		? (['coalesce', ['get', km], ['get', en]] as const)
		: (['coalesce', ['get', en], ['get', km]] as const);
}

export function offlineStyle(options: {
	locale: string;
	fonts: FontUrls;
	/** Absolute URL of the folder holding the basemap files, without a trailing slash. */
	basemapUrl: string;
}): StyleSpecification {
	const { locale, fonts, basemapUrl } = options;
	const source = (name: string) => ({
		type: 'geojson' as const,
		data: `${basemapUrl}/${name}.geojson`,
		attribution: NATURAL_EARTH_ATTRIBUTION
	});
	return {
		version: 8,
		name: 'Sahakar offline',
		'font-faces': {
			[MAP_FONT]: [
				{
					url: fonts.khmer,
					'unicode-range': ['U+1780-17FF', 'U+19E0-19FF', 'U+200B-200D', 'U+25CC']
				},
				{ url: fonts.latin, 'unicode-range': ['U+0000-024F', 'U+2000-206F'] }
			]
		},
		sources: {
			land: source('land'),
			cambodia: source('cambodia'),
			labels: source('labels'),
			borders: source('borders'),
			rivers: source('rivers'),
			lakes: source('lakes')
		},
		layers: [
			{ id: 'sea', type: 'background', paint: { 'background-color': BASEMAP_COLOURS.sea } },
			{ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': BASEMAP_COLOURS.land } },
			{
				id: 'cambodia',
				type: 'fill',
				source: 'cambodia',
				paint: { 'fill-color': BASEMAP_COLOURS.cambodia }
			},
			{
				id: 'lakes',
				type: 'fill',
				source: 'lakes',
				paint: { 'fill-color': BASEMAP_COLOURS.water }
			},
			{
				id: 'rivers',
				type: 'line',
				source: 'rivers',
				paint: { 'line-color': BASEMAP_COLOURS.water, 'line-width': 1.5 }
			},
			{
				id: 'borders',
				type: 'line',
				source: 'borders',
				paint: { 'line-color': BASEMAP_COLOURS.border, 'line-width': 1.2, 'line-dasharray': [3, 2] }
			},
			{
				id: 'place-labels',
				type: 'symbol',
				source: 'labels',
				layout: {
					'text-field': nameField(locale) as unknown as string,
					'text-font': MAP_TEXT_FONT,
					'text-size': 14,
					'text-transform': locale === 'km' ? 'none' : 'uppercase',
					'text-letter-spacing': locale === 'km' ? 0 : 0.15
				},
				paint: {
					'text-color': [
						'match',
						['get', 'kind'],
						'sea',
						BASEMAP_COLOURS.seaLabel,
						BASEMAP_COLOURS.label
					],
					'text-halo-color': '#ffffff',
					'text-halo-width': 1.5
				}
			}
		]
	};
}
