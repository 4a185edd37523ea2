import { z } from 'zod';
import { apiActor, endpoint, readQuery } from '$lib/server/api';
import { boundaries } from '$lib/server/places/geo';
import { pcode } from '$lib/domain/validation';
import type { RequestHandler } from './$types';

const query = z.object({
	level: z.coerce.number().int().min(1).max(3),
	parent: pcode.optional()
});

/**
 * Admin areas of one level that have geometry, as GeoJSON (`?level=1|2|3`, optionally
 * `&parent=KH01` for the areas inside one). Each feature's id is its P-code.
 */
export const GET: RequestHandler = endpoint((event) => {
	apiActor(event, 'map.read', 'read');
	const { level, parent } = readQuery(event.url, query);
	return new Response(JSON.stringify(boundaries(event.locals.db, level as 1 | 2 | 3, parent)), {
		headers: {
			'content-type': 'application/geo+json; charset=utf-8',
			'cache-control': 'private, max-age=60'
		}
	});
});
