import { boundariesQuery } from '$lib/domain/api';
import { apiActor, endpoint, readQuery } from '$lib/server/api';
import { boundaries } from '$lib/server/places/geo';
import type { RequestHandler } from './$types';

/**
 * Admin areas of one level that have geometry, as GeoJSON (`?level=1|2|3`, optionally
 * `&parent=KH01` for the areas inside one). Each feature's id is its P-code.
 */
export const GET: RequestHandler = endpoint((event) => {
	apiActor(event, 'map.read', 'read');
	const { level, parent } = readQuery(event.url, boundariesQuery);
	return new Response(JSON.stringify(boundaries(event.locals.db, level as 1 | 2 | 3, parent)), {
		headers: {
			'content-type': 'application/geo+json; charset=utf-8',
			'cache-control': 'private, max-age=60'
		}
	});
});
