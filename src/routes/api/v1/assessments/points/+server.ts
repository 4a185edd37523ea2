import { json } from '@sveltejs/kit';
import { assessmentPointsQuery } from '$lib/domain/api';
import { apiActor, endpoint, knownResponse, readQuery } from '$lib/server/api';
import { mapPoints, pointsVersion } from '$lib/server/assessments';
import { notModified } from '$lib/server/http/etag';
import type { RequestHandler } from './$types';

/**
 * Every counted assessment of a response as a point for the map, column by column (`seq`,
 * `lon`, `lat`, `affected`, `flagged`). Aggregate data: anyone who may see totals may see it.
 * Cached by the browser per version of the assessments (ETag), not fetched whole on each visit.
 */
export const GET: RequestHandler = endpoint(async (event) => {
	apiActor(event, 'assessment.summary', 'read');
	const q = readQuery(event.url, assessmentPointsQuery);
	await knownResponse(event.locals.db, q.responseId);
	// The browser keeps the points and asks whether they changed: a 304 until a submission,
	// a duplicate flag or a review comes in (the tag is per URL, so per filter).
	const etag = `"${await pointsVersion(event.locals.db)}"`;
	const headers = { etag, 'cache-control': 'private, no-cache' };
	if (notModified(event.request, etag)) return new Response(null, { status: 304, headers });
	return json(await mapPoints(event.locals.db, { ...q }), { headers });
});
