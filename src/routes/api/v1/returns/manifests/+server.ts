import { json } from '@sveltejs/kit';
import { newManifestSchema } from '$lib/domain/returns';
import { apiActor, endpoint, readJson } from '$lib/server/api';
import { createManifest, getManifest } from '$lib/server/returns';
import type { RequestHandler } from './$types';

/** Creates a manifest with its passengers or headcount, as a draft; 201 with the manifest. */
export const POST: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'manifest.create', 'write');
	const input = await readJson(event.request, newManifestSchema, 256_000);
	const row = createManifest(event.locals.db, user, input);
	return json({ data: getManifest(event.locals.db, user, row.id) }, { status: 201 });
});
