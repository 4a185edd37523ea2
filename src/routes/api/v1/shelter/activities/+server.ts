import { json } from '@sveltejs/kit';
import { activityListQuery } from '$lib/domain/api';
import { apiActor, endpoint, knownResponse, readQuery } from '$lib/server/api';
import { keysetPage } from '$lib/server/api/pages';
import { matrixRows, matrixTotals } from '$lib/server/shelter';
import type { RequestHandler } from './$types';

/** The 4W rows of a response the caller may see, with the totals of all rows under the filters. */
export const GET: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'shelter.read', 'read');
	const { limit, cursor, ...f } = readQuery(event.url, activityListQuery);
	const db = event.locals.db;
	await knownResponse(db, f.responseId);
	const page = await keysetPage(
		'activities',
		{ limit, cursor },
		(after, take) => matrixRows(db, user, f, { after, limit: take }),
		(r) => r.id
	);
	return json({ ...page, totals: await matrixTotals(db, user, f) });
});
