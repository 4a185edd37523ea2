import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiActor, endpoint, readJson } from '$lib/server/api';
import { createJob } from '$lib/server/shelter/import';
import type { RequestHandler } from './$types';

const newImport = z.object({
	fileName: z.string().trim().min(1).max(255),
	size: z.number().int().positive()
});

/** A new import for a file of this name and size; its bytes follow in pieces. */
export const POST: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'shelter.activity.import', 'write');
	const input = await readJson(event.request, newImport, 2_000);
	const job = await createJob(event.locals.db, user, Number(event.params.responseId), input);
	return json({ id: job.id }, { status: 201 });
});
