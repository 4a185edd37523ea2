import { boundariesQuery } from '$lib/domain/api';
import { apiActor, endpoint, readQuery } from '$lib/server/api';
import { notModified } from '$lib/server/http/etag';
import { boundariesJson, boundariesVersion } from '$lib/server/places/geo';
import type { RequestHandler } from './$types';

/** Browsers keep the shapes and ask each time whether they changed: a 304 unless an import did. */
const CACHE_CONTROL = 'private, no-cache';

/**
 * Admin areas of one level that have geometry, as GeoJSON (`?level=1|2|3`, optionally
 * `&parent=KH01` for the areas inside one). Each feature's id is its P-code. The maps fetch
 * their shapes here rather than inside every page, so a browser downloads them once per
 * version of the boundaries: the ETag is that version, and changes when an admin imports.
 */
export const GET: RequestHandler = endpoint(async (event) => {
	apiActor(event, 'map.read', 'read');
	const { level, parent } = readQuery(event.url, boundariesQuery);
	const db = event.locals.db;
	const etag = `"${level}-${parent ?? ''}-${await boundariesVersion(db)}"`;
	const headers = { etag, 'cache-control': CACHE_CONTROL };
	if (notModified(event.request, etag)) return new Response(null, { status: 304, headers });
	return new Response(await boundariesJson(db, level as 1 | 2 | 3, parent), {
		headers: { ...headers, 'content-type': 'application/geo+json; charset=utf-8' }
	});
});
