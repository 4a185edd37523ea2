import type * as maplibregl from 'maplibre-gl';
import type * as svelteMaplibre from 'svelte-maplibre-gl';

/**
 * What MapView hands its children once the map exists: the map itself, the lazily loaded
 * svelte-maplibre-gl components (`ml.GeoJSONSource`, `ml.FillLayer`, `ml.Popup`, ...) and
 * maplibre-gl itself, so pages never import either statically.
 */
export interface MapKit {
	map: maplibregl.Map;
	ml: typeof svelteMaplibre;
	maplibre: typeof maplibregl;
}

export type { Bbox } from '$lib/domain/geometry';
