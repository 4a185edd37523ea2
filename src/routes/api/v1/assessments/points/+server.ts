import { json } from '@sveltejs/kit';
import { assessmentPointsQuery } from '$lib/domain/api';
import { apiActor, endpoint, knownResponse, readQuery } from '$lib/server/api';
import { mapPoints, pointsVersion } from '$lib/server/assessments';
import { notModified } from '$lib/server/http/etag';
import type { RequestHandler } from './$types';

/**
 * Every counted assessment of a response as a point for the map, column by column (`seq`,
 * `lon`, `lat`, `affected`, `flagged`). Aggregate data: anyone who may see totals may see it.
 * Cached by the browser per version of the assessments (ETag), not fetched whole on each visit;
 * the map page names the version in the URL (`version`), and that URL is kept without asking.
 */
export const GET: RequestHandler = endpoint(async (event) => {
	apiActor(event, 'assessment.summary', 'read');
	const { version, ...filters } = readQuery(event.url, assessmentPointsQuery);
	await knownResponse(event.locals.db, filters.responseId);
	// The version is read before the points, so the points are never older than it. A URL naming
	// the current version never needs asking about again: a submission, a duplicate flag or a
	// review makes a new version, and the page a new URL. Any other URL the browser keeps and
	// asks whether it changed: a 304 until then (the tag is per URL, so per filter).
	const current = await pointsVersion(event.locals.db);
	const etag = `"${current}"`;
	const headers = {
		etag,
		'cache-control':
			version === current ? 'private, max-age=31536000, immutable' : 'private, no-cache'
	};
	if (notModified(event.request, etag)) return new Response(null, { status: 304, headers });
	return json(await mapPoints(event.locals.db, filters), { headers });
});
