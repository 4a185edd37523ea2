import { m } from '$lib/paraglide/messages.js';
import { readSubmissionXml } from '$lib/server/collect/answers';
import {
	OPENROSA_HEADERS,
	collectActor,
	openRosaError,
	openRosaResponse,
	readSubmission
} from '$lib/server/collect/openrosa';
import { receiveSubmission } from '$lib/server/collect/receive';
import type { RequestHandler } from './$types';

/** ODK Collect asks first, to learn the auth it needs and how large a submission may be. */
export const HEAD: RequestHandler = async ({ locals, request, url }) => {
	try {
		await collectActor(locals.db, { authorization: request.headers.get('authorization') });
		return new Response(null, {
			status: 204,
			headers: { ...OPENROSA_HEADERS, Location: `${url.origin}/submission` }
		});
	} catch (e) {
		return openRosaError(e);
	}
};

/**
 * OpenRosa Form Submission API: one filled form as multipart/form-data. 201 when it becomes an
 * assessment, 202 when Sahakar already had it (a resend), an OpenRosa message otherwise.
 */
export const POST: RequestHandler = async ({ locals, request }) => {
	try {
		const user = await collectActor(locals.db, {
			authorization: request.headers.get('authorization')
		});
		const collected = readSubmissionXml(await readSubmission(request));
		const { outcome } = await receiveSubmission(locals.db, user, collected, { source: 'odk' });
		return outcome === 'created'
			? openRosaResponse(201, m.collect_received(), 'submit_success')
			: openRosaResponse(202, m.collect_received_again(), 'submit_success');
	} catch (e) {
		return openRosaError(e);
	}
};
