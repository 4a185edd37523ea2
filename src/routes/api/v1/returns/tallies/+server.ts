import { json } from '@sveltejs/kit';
import { newTallySchema } from '$lib/domain/returns';
import { apiActor, endpoint, readJson } from '$lib/server/api';
import { getTally, recordTally } from '$lib/server/returns';
import type { RequestHandler } from './$types';

/**
 * Records one shift's arrival tally at a crossing point or transit centre, under the `id` the
 * client made: 201 with the stored tally the first time, 200 with the same tally when the same
 * id and content come again (a retry), 409 when the id was used for other content.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'return.tally.record', 'write');
	const input = await readJson(event.request, newTallySchema, 64_000);
	const { outcome, row } = await recordTally(event.locals.db, user, input);
	return json(
		{ data: await getTally(event.locals.db, row.id) },
		{ status: outcome === 'created' ? 201 : 200 }
	);
});
