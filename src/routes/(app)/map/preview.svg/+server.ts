import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { authorize } from '$lib/server/auth/guard';
import { notModified } from '$lib/server/http/etag';
import { previewAt } from '$lib/server/maps/preview';
import type { RequestHandler } from './$types';

/**
 * A page's map preview (the link `previewLink` made): the figures it shades are in its address,
 * so it shows nothing the person did not already have, and one address is one picture. An
 * address naming the current boundaries is kept for good; another (a page from before an
 * import) is drawn with today's shapes and revalidated by its ETag.
 */
export const GET: RequestHandler = async (event) => {
	authorize(event, 'map.read');
	const preview = await previewAt(event.locals.db, event.url);
	if (!preview) error(400, { message: m.sec_error_bad_request(), code: 'invalid' });
	const headers = {
		etag: preview.etag,
		'cache-control': preview.lasting ? 'private, max-age=31536000, immutable' : 'private, no-cache',
		// Opened on its own it is a document of this origin: nothing in it may run or load.
		'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'"
	};
	if (notModified(event.request, preview.etag)) return new Response(null, { status: 304, headers });
	const svg = await preview.svg();
	if (!svg) error(404, { message: m.error_not_found(), code: 'not_found' });
	return new Response(svg, {
		headers: { ...headers, 'content-type': 'image/svg+xml; charset=utf-8' }
	});
};
