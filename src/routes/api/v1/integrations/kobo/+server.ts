import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, endpoint, readJson } from '$lib/server/api';
import { readKoboJson } from '$lib/server/collect/answers';
import { ProtocolError, collectActor } from '$lib/server/collect/openrosa';
import { receiveSubmission } from '$lib/server/collect/receive';
import type { RequestHandler } from './$types';

const CODES: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 413: 'too_large' };

/** KoBo's REST service sends one submission of the form as flat JSON; extra keys are its own. */
const koboBody = z.record(z.string(), z.unknown());

/**
 * A KoBoToolbox project's REST service: each submission of the Sahakar form, sent on by KoBo,
 * becomes an assessment. The token comes as the Basic password (KoBo's "Basic authorization"),
 * a bearer header (KoBo's custom headers) or `?token=` in the endpoint URL.
 */
export const POST: RequestHandler = endpoint(async ({ locals, request, url }) => {
	let user;
	try {
		user = await collectActor(locals.db, {
			authorization: request.headers.get('authorization'),
			token: url.searchParams.get('token')
		});
	} catch (e) {
		if (e instanceof ProtocolError) throw new ApiError(e.status, CODES[e.status], e.message);
		throw e;
	}
	const body = await readJson(request, koboBody, 256_000);
	const collected = readKoboJson(body);
	const { outcome, record } = await receiveSubmission(locals.db, user, collected, {
		source: 'kobo',
		detail: { koboId: body._id ?? null, koboUser: body._submitted_by ?? null }
	});
	return json({ data: record }, { status: outcome === 'created' ? 201 : 200 });
});
