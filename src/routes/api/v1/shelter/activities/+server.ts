import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { activityListQuery } from '$lib/domain/api';
import { ApiError, apiActor, endpoint, readQuery } from '$lib/server/api';
import { getResponse } from '$lib/server/responses';
import { matrixRows, matrixTotals } from '$lib/server/shelter';
import type { RequestHandler } from './$types';

/** The 4W rows of a response the caller may see, with the totals of all rows under the filters. */
export const GET: RequestHandler = endpoint((event) => {
	const user = apiActor(event, 'shelter.read', 'read');
	const { limit, offset, ...f } = readQuery(event.url, activityListQuery);
	if (!getResponse(event.locals.db, f.responseId)) {
		throw new ApiError(404, 'not_found', m.shel_error_unknown_response());
	}
	const totals = matrixTotals(event.locals.db, user, f);
	const data = matrixRows(event.locals.db, user, f, { limit, offset });
	return json({
		data,
		totals,
		next: offset + data.length < totals.activities ? offset + data.length : null
	});
});
