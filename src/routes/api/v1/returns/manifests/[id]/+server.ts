import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { ApiError, apiActor, endpoint } from '$lib/server/api';
import { getManifest } from '$lib/server/returns';
import type { RequestHandler } from './$types';

/** A manifest; `passengerList` holds names only for the owning organisation and coordinators. */
export const GET: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'return.read', 'read');
	const found = await getManifest(event.locals.db, user, Number(event.params.id));
	if (!found) throw new ApiError(404, 'not_found', m.error_not_found());
	return json({ data: found });
});
