import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { authorize } from '$lib/server/auth/guard';
import { drawingResponse } from '$lib/server/drawn';
import { getResponse } from '$lib/server/responses';
import { chartAt } from '$lib/server/returns/charts';
import type { RequestHandler } from './$types';

/**
 * One of the arrivals dashboard's charts (the link `arrivalsChartLinks` made), for a dashboard
 * the browser made itself (a filter changed): drawn from the response's figures now, for those
 * who may read the dashboard. An address holding the figures' current key is kept for good;
 * another (a page from before a new count) is drawn anew and revalidated by its ETag.
 */
export const GET: RequestHandler = async (event) => {
	authorize(event, 'return.read');
	const id = Number(event.params.responseId);
	const response = Number.isSafeInteger(id) ? await getResponse(event.locals.db, id) : undefined;
	if (!response || !response.areas.includes('returns'))
		error(404, { message: m.error_not_found(), code: 'not_found' });
	const chart = await chartAt(event.locals.db, response.id, event.url);
	if (!chart) error(400, { message: m.sec_error_bad_request(), code: 'invalid' });
	const answer = await drawingResponse(event.request, chart);
	if (!answer) error(404, { message: m.error_not_found(), code: 'not_found' });
	return answer;
};
