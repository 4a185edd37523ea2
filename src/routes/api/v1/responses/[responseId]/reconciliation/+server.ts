import { json } from '@sveltejs/kit';
import { reconciliationQuery } from '$lib/domain/api';
import { apiActor, endpoint, knownResponse, readQuery } from '$lib/server/api';
import { reconciliation } from '$lib/server/returns';
import type { RequestHandler } from './$types';

/** Crossed → dispatched → arrived per destination province and day. */
export const GET: RequestHandler = endpoint(async (event) => {
	apiActor(event, 'return.read', 'read');
	const responseId = Number(event.params.responseId);
	await knownResponse(event.locals.db, responseId);
	const f = readQuery(event.url, reconciliationQuery);
	return json({ data: await reconciliation(event.locals.db, responseId, f) });
});
