import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { reconciliationQuery } from '$lib/domain/api';
import { ApiError, apiActor, endpoint, readQuery } from '$lib/server/api';
import { reconciliation } from '$lib/server/returns';
import { getResponse } from '$lib/server/responses';
import type { RequestHandler } from './$types';

/** Crossed → dispatched → arrived per destination province and day. */
export const GET: RequestHandler = endpoint((event) => {
	apiActor(event, 'return.read', 'read');
	const responseId = Number(event.params.responseId);
	if (!Number.isInteger(responseId) || !getResponse(event.locals.db, responseId)) {
		throw new ApiError(404, 'not_found', m.error_not_found());
	}
	const f = readQuery(event.url, reconciliationQuery);
	return json({ data: reconciliation(event.locals.db, responseId, f) });
});
