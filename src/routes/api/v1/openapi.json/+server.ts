import { servedDocument } from '$lib/server/api/openapi';
import { notModified } from '$lib/server/http/etag';
import type { RequestHandler } from './$types';

/** Public and the same for everyone, so caches may keep it and revalidate by its ETag. */
const CACHE = 'public, max-age=300, must-revalidate';

/** The OpenAPI 3.1 document of this API (the readable page is `/api-docs`). */
export const GET: RequestHandler = ({ request }) => {
	const { body, etag } = servedDocument();
	if (notModified(request, etag)) {
		return new Response(null, { status: 304, headers: { etag, 'cache-control': CACHE } });
	}
	return new Response(body, {
		headers: { 'content-type': 'application/json; charset=utf-8', etag, 'cache-control': CACHE }
	});
};
