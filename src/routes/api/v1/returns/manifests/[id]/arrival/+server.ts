import { json } from '@sveltejs/kit';
import { arrivalSchema } from '$lib/domain/returns';
import { apiActor, endpoint, readJson } from '$lib/server/api';
import { confirmArrival } from '$lib/server/returns';
import type { RequestHandler } from './$types';

/** The receiving team's confirmation: `{ "receivedCount"?, "missingIds"?, "missingNote"?, "at"? }`. */
export const POST: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'manifest.receive', 'write');
	const input = await readJson(event.request, arrivalSchema, 64_000);
	const row = await confirmArrival(event.locals.db, user, Number(event.params.id), input);
	return json({ data: row });
});
