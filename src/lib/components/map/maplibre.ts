/**
 * maplibre-gl with its worker's address set: import it from here (lazily, from the browser), so
 * whatever reaches MapLibre's workers first (a map, or a page's `importScriptInWorkers`) starts
 * them from the bundled worker.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };
