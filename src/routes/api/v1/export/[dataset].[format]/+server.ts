import { m } from '$lib/paraglide/messages.js';
import { ApiError, apiActor, endpoint } from '$lib/server/api';
import { exportResponse, findDataset, startExport } from '$lib/server/exports';
import type { RequestHandler } from './$types';

/**
 * `GET /api/v1/export/{dataset}.{csv|xlsx|geojson}?responseId=…&<filters>`: the file streams
 * from the first row; refusals (404, 400, 403) come as JSON before it starts.
 */
export const GET: RequestHandler = endpoint(async (event) => {
	// `endpoint` widens the route's params; both are always present on this route.
	const { dataset: name = '', format = '' } = event.params;
	const dataset = findDataset(name);
	if (!dataset) throw new ApiError(404, 'not_found', m.exp_error_unknown_dataset({ name }));
	const user = apiActor(event, dataset.action, 'export', {
		organisationId: event.locals.user?.organisationId
	});
	const query = Object.fromEntries(event.url.searchParams);
	return exportResponse(await startExport(event.locals.db, user, dataset, format, query));
});
