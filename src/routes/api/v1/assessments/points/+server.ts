import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { assessmentPointsQuery } from '$lib/domain/api';
import { ApiError, apiActor, endpoint, readQuery } from '$lib/server/api';
import { mapPoints } from '$lib/server/assessments';
import { getResponse } from '$lib/server/responses';
import type { RequestHandler } from './$types';

/**
 * Every counted assessment of a response as a point for the map, column by column (`seq`,
 * `lon`, `lat`, `affected`, `flagged`). Aggregate data: anyone who may see totals may see it.
 */
export const GET: RequestHandler = endpoint((event) => {
	apiActor(event, 'assessment.summary', 'read');
	const q = readQuery(event.url, assessmentPointsQuery);
	if (!getResponse(event.locals.db, q.responseId)) {
		throw new ApiError(404, 'not_found', m.assess_error_unknown_response());
	}
	return json(mapPoints(event.locals.db, { ...q }), {
		headers: { 'cache-control': 'private, max-age=30' }
	});
});
