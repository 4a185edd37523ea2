import { json } from '@sveltejs/kit';
import { apiActor, endpoint } from '$lib/server/api';
import { listResponses } from '$lib/server/responses';
import type { RequestHandler } from './$types';

/** The responses, for scripts that then work inside one. */
export const GET: RequestHandler = endpoint((event) => {
	apiActor(event, 'response.read', 'read');
	return json({ data: listResponses(event.locals.db) });
});
