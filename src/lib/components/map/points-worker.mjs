/**
 * The assessment map's points, turned into GeoJSON inside MapLibre's worker rather than on the
 * page: loaded there with `importScriptInWorkers` (plain JavaScript, copied as it is by Vite's
 * `?url&no-inline`, a file of its own the browser keeps, and `.mjs` so the worker imports it as a
 * module). A GeoJSON source whose `data` is
 * `sahakar-points://points/api/v1/assessments/points?…` is fetched by the worker (the browser's
 * cache answers a version it has, the cookies go with it as with any request of the page),
 * converted and clustered there. On the page, building 100,000 features and copying them to the
 * worker held the main thread for most of the map's last second.
 *
 * `pointsToGeoJSON` is exported for tests and the benchmark; nothing else runs outside a worker.
 */

export const POINTS_PROTOCOL = 'sahakar-points';

/**
 * Columns to the GeoJSON MapLibre clusters: `id` is `seq` (what a click opens), `d` flagged
 * (the points' and clusters' colour). Nothing the map does not use: each property is kept by
 * the clustering index for every point.
 *
 * @param {import('$lib/domain/plain/assessments').PointColumns} p
 */
export function pointsToGeoJSON(p) {
	const features = new Array(p.count);
	for (let i = 0; i < p.count; i++) {
		features[i] = {
			type: /** @type {const} */ ('Feature'),
			id: p.seq[i],
			geometry: { type: /** @type {const} */ ('Point'), coordinates: [p.lon[i], p.lat[i]] },
			properties: { d: p.flagged[i] }
		};
	}
	return { type: /** @type {const} */ ('FeatureCollection'), features };
}

/**
 * The same-origin address a `sahakar-points://points/…` URL stands for.
 *
 * @param {string} url
 * @param {string} origin
 */
export function pointsAddress(url, origin) {
	const parsed = new URL(url);
	return new URL(parsed.pathname + parsed.search, origin).href;
}

/** What MapLibre gives a script it imports into its worker (`WorkerGlobalScopeInterface`). */
const scope = /** @type {any} */ (globalThis);

if (typeof scope.addProtocol === 'function' && scope.worker) {
	scope.addProtocol(
		POINTS_PROTOCOL,
		/** @param {{ url: string }} params @param {AbortController} abort */
		async (params, abort) => {
			const res = await fetch(pointsAddress(params.url, scope.location.origin), {
				signal: abort.signal,
				credentials: 'same-origin'
			});
			if (!res.ok) throw new Error(`points: ${res.status}`);
			return { data: pointsToGeoJSON(await res.json()) };
		}
	);

	// MapLibre sends the data a source loaded from a URL back to the page (for `getData`, which
	// this map never calls): 100,000 features copied to the main thread again. Dropped for these
	// sources only. An internal of MapLibre's worker: if a version no longer has it, the map
	// still works, as slowly as before.
	const actor = scope.worker.actor;
	const load = actor?.messageHandlers?.LD;
	if (typeof load === 'function') {
		actor.registerMessageHandler(
			'LD',
			/** @param {string} mapId @param {{ request?: { url?: string } }} params @param {AbortController} abort */
			async (mapId, params, abort) => {
				const result = await load(mapId, params, abort);
				if (result && params.request?.url?.startsWith(`${POINTS_PROTOCOL}://`)) delete result.data;
				return result;
			}
		);
	}
}
