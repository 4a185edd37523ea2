import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { arrivalsQuery } from '$lib/domain/api';
import { ApiError, apiActor, endpoint, readQuery } from '$lib/server/api';
import { getResponse } from '$lib/server/responses';
import { arrivalsDashboard } from '$lib/server/returns';
import type { RequestHandler } from './$types';

/**
 * The arrivals dashboard's figures: returnees by day and crossing point, by point, their sex and
 * age, vulnerable groups and referrals, and destinations, between `from` and `to`.
 */
export const GET: RequestHandler = endpoint((event) => {
	apiActor(event, 'return.read', 'read');
	const responseId = Number(event.params.responseId);
	if (!Number.isInteger(responseId) || !getResponse(event.locals.db, responseId)) {
		throw new ApiError(404, 'not_found', m.error_not_found());
	}
	const f = readQuery(event.url, arrivalsQuery);
	return json({ data: arrivalsDashboard(event.locals.db, responseId, f) });
});
