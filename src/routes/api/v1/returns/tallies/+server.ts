import { json } from '@sveltejs/kit';
import { tallySchema } from '$lib/domain/returns';
import { apiActor, endpoint, readJson } from '$lib/server/api';
import { getTally, recordTally } from '$lib/server/returns';
import type { RequestHandler } from './$types';

/** Records one shift's arrival tally at a crossing point; 201 with the stored tally. */
export const POST: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'return.tally.record', 'write');
	const input = await readJson(event.request, tallySchema, 64_000);
	const row = recordTally(event.locals.db, user, input);
	return json({ data: getTally(event.locals.db, row.id) }, { status: 201 });
});
