import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiActor, endpoint, readJson } from '$lib/server/api';
import { importStatus, startCommit } from '$lib/server/shelter/import';
import type { RequestHandler } from './$types';

/** Starts the commit in the background; the page then polls the import. */
export const POST: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'shelter.activity.import', 'write');
	// A JSON body: a cross-site form cannot send one.
	await readJson(event.request, z.object({}), 100);
	const responseId = Number(event.params.responseId);
	// Answered once started: the page polls for the end (`done` is for tests and scripts).
	await startCommit(event.locals.db, user, responseId, String(event.params.jobId));
	return json(await importStatus(event.locals.db, user, responseId, String(event.params.jobId)), {
		status: 202
	});
});
