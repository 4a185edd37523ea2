import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { gapsQuery } from '$lib/domain/api';
import { todayInCambodia } from '$lib/domain/dates';
import { ApiError, apiActor, endpoint, readQuery } from '$lib/server/api';
import { getResponse } from '$lib/server/responses';
import { gapsByArea } from '$lib/server/shelter';
import type { RequestHandler } from './$types';

/** The Gaps page's table: people in need against reached, and NFI against the standard, per area. */
export const GET: RequestHandler = endpoint((event) => {
	const user = apiActor(event, 'shelter.read', 'read');
	const { level, asOf, ...f } = readQuery(event.url, gapsQuery);
	if (!getResponse(event.locals.db, f.responseId)) {
		throw new ApiError(404, 'not_found', m.shel_error_unknown_response());
	}
	const day = asOf ?? todayInCambodia();
	return json({
		asOf: day,
		level,
		...gapsByArea(event.locals.db, user, { ...f, asOf: day }, level)
	});
});
