import { json } from '@sveltejs/kit';
import { newManifestSchema } from '$lib/domain/returns';
import { apiActor, endpoint, readJson } from '$lib/server/api';
import { createManifest, getManifest } from '$lib/server/returns';
import type { RequestHandler } from './$types';

/**
 * Creates a manifest with its passengers or headcount, as a draft, under the `id` the client
 * made: 201 the first time, 200 with the same manifest for a retry, 409 for an id reused.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'manifest.create', 'write');
	const input = await readJson(event.request, newManifestSchema, 256_000);
	const { outcome, row } = await createManifest(event.locals.db, user, input);
	return json(
		{ data: await getManifest(event.locals.db, user, row.id) },
		{ status: outcome === 'created' ? 201 : 200 }
	);
});
