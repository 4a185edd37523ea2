import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { ApiError, apiActor, endpoint } from '$lib/server/api';
import {
	CHUNK_BYTES,
	appendChunk,
	importStatus,
	requestCancel,
	requireJob
} from '$lib/server/shelter/import';
import type { RequestHandler } from './$types';

const ids = (params: Partial<Record<string, string>>) => ({
	responseId: Number(params.responseId),
	id: String(params.jobId)
});

/** Where the import is: what the page polls. */
export const GET: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'shelter.activity.import', 'read');
	const { responseId, id } = ids(event.params);
	return json(await importStatus(event.locals.db, user, responseId, id), {
		headers: { 'cache-control': 'private, no-store' }
	});
});

/**
 * One piece of the file (`?offset=` where it starts), each well under the server's request
 * size limit: this route takes files of up to 20 MB without raising `BODY_SIZE_LIMIT`.
 */
export const PUT: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'shelter.activity.import', 'write');
	const { responseId, id } = ids(event.params);
	if (event.request.headers.get('content-type') !== 'application/octet-stream') {
		throw new ApiError(415, 'unsupported_media_type', m.shel_import_bad_chunk());
	}
	const offset = Number(event.url.searchParams.get('offset'));
	const declared = Number(event.request.headers.get('content-length') ?? 0);
	if (!Number.isInteger(offset) || offset < 0 || declared > CHUNK_BYTES) {
		throw new ApiError(400, 'invalid', m.shel_import_bad_chunk());
	}
	const data = new Uint8Array(await event.request.arrayBuffer());
	const job = await requireJob(event.locals.db, user, responseId, id);
	const received = await appendChunk(event.locals.db, job, offset, data);
	return json({ received });
});

/** Cancels: nothing of the import stays. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'shelter.activity.import', 'write');
	const { responseId, id } = ids(event.params);
	await requestCancel(event.locals.db, await requireJob(event.locals.db, user, responseId, id));
	return json(await importStatus(event.locals.db, user, responseId, id));
});
