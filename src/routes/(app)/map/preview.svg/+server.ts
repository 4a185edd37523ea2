import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { authorize } from '$lib/server/auth/guard';
import { drawingResponse } from '$lib/server/drawn';
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
	const response = await drawingResponse(event.request, preview);
	if (!response) error(404, { message: m.error_not_found(), code: 'not_found' });
	return response;
};
