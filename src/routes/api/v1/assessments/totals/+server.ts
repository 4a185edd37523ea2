import { json } from '@sveltejs/kit';
import { assessmentTotalsQuery } from '$lib/domain/api';
import { apiActor, endpoint, knownResponse, readQuery } from '$lib/server/api';
import { totalsByArea } from '$lib/server/assessments';
import type { RequestHandler } from './$types';

/**
 * The coordinators' totals per province or district (assessments reviewed as duplicates left
 * out), as the assessments page and the sitrep count them.
 */
export const GET: RequestHandler = endpoint(async (event) => {
	apiActor(event, 'assessment.summary', 'read');
	const { level, ...q } = readQuery(event.url, assessmentTotalsQuery);
	await knownResponse(event.locals.db, q.responseId);
	const { responseId, area, from, to, access } = q;
	return json({
		level,
		data: await totalsByArea(event.locals.db, { responseId, area, from, to, access }, level)
	});
});
