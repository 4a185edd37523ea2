import { json } from '@sveltejs/kit';
import { gapsQuery } from '$lib/domain/api';
import { todayInCambodia } from '$lib/domain/dates';
import { apiActor, endpoint, knownResponse, readQuery } from '$lib/server/api';
import { gapsByArea } from '$lib/server/shelter';
import type { RequestHandler } from './$types';

/** The Gaps page's table: people in need against reached, and NFI against the standard, per area. */
export const GET: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'shelter.read', 'read');
	const { level, asOf, ...f } = readQuery(event.url, gapsQuery);
	await knownResponse(event.locals.db, f.responseId);
	const day = asOf ?? todayInCambodia();
	return json({
		asOf: day,
		level,
		...(await gapsByArea(event.locals.db, user, { ...f, asOf: day }, level))
	});
});
