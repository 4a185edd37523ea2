import { json } from '@sveltejs/kit';
import { arrivalsQuery } from '$lib/domain/api';
import { apiActor, endpoint, knownResponse, readQuery } from '$lib/server/api';
import { arrivalsDashboard } from '$lib/server/returns';
import type { RequestHandler } from './$types';

/**
 * The arrivals dashboard's figures: returnees by day and crossing point, by point, their sex and
 * age, vulnerable groups and referrals, and destinations, between `from` and `to`.
 */
export const GET: RequestHandler = endpoint(async (event) => {
	apiActor(event, 'return.read', 'read');
	const responseId = Number(event.params.responseId);
	await knownResponse(event.locals.db, responseId);
	const f = readQuery(event.url, arrivalsQuery);
	return json({ data: await arrivalsDashboard(event.locals.db, responseId, f) });
});
