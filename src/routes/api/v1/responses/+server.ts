import { json } from '@sveltejs/kit';
import { responseListQuery } from '$lib/domain/api';
import { apiActor, endpoint, readQuery } from '$lib/server/api';
import { keysetPage } from '$lib/server/api/pages';
import { responsesAfter } from '$lib/server/responses';
import type { RequestHandler } from './$types';

/** The responses, for scripts that then work inside one. */
export const GET: RequestHandler = endpoint(async (event) => {
	apiActor(event, 'response.read', 'read');
	const q = readQuery(event.url, responseListQuery);
	const db = event.locals.db;
	return json(
		await keysetPage(
			'responses',
			q,
			(after, take) => responsesAfter(db, after, take),
			(r) => r.id
		)
	);
});
