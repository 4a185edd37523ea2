import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { matrixFilterSchema } from '$lib/domain/shelter';
import { ApiError, apiActor, endpoint, readQuery } from '$lib/server/api';
import { getResponse } from '$lib/server/responses';
import { matrixRows, matrixTotals } from '$lib/server/shelter';
import type { RequestHandler } from './$types';

const listQuery = matrixFilterSchema.extend({
	limit: z.coerce.number().int().min(1).max(1000).default(100),
	offset: z.coerce.number().int().min(0).default(0)
});

/** The 4W rows of a response the caller may see, with the totals of all rows under the filters. */
export const GET: RequestHandler = endpoint((event) => {
	const user = apiActor(event, 'shelter.read', 'read');
	const { limit, offset, ...f } = readQuery(event.url, listQuery);
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
