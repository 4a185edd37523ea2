import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { assessmentTotalsQuery } from '$lib/domain/api';
import { ApiError, apiActor, endpoint, readQuery } from '$lib/server/api';
import { totalsByArea } from '$lib/server/assessments';
import { getResponse } from '$lib/server/responses';
import type { RequestHandler } from './$types';

/**
 * The coordinators' totals per province or district (assessments reviewed as duplicates left
 * out), as the assessments page and the sitrep count them.
 */
export const GET: RequestHandler = endpoint((event) => {
	apiActor(event, 'assessment.summary', 'read');
	const { level, ...q } = readQuery(event.url, assessmentTotalsQuery);
	if (!getResponse(event.locals.db, q.responseId)) {
		throw new ApiError(404, 'not_found', m.assess_error_unknown_response());
	}
	const { responseId, area, from, to, access } = q;
	return json({
		level,
		data: totalsByArea(event.locals.db, { responseId, area, from, to, access }, level)
	});
});
