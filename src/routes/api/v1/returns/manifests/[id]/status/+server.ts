import { json } from '@sveltejs/kit';
import { statusChangeSchema } from '$lib/domain/returns';
import { apiActor, endpoint, readJson } from '$lib/server/api';
import { changeStatus } from '$lib/server/returns';
import type { RequestHandler } from './$types';

/** Moves a manifest on: `{ "status": "boarding" | "departed" | "cancelled" | "arrived", "at"? }`. */
export const POST: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'manifest.create', 'write');
	const input = await readJson(event.request, statusChangeSchema, 4_000);
	const row = await changeStatus(event.locals.db, user, Number(event.params.id), input);
	return json({ data: row });
});
