/**
 * The JSON API's common ground: who is calling, what they may do, and errors in one shape,
 * `{ "error": { "code", "message", "fields"? } }`.
 */
import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { can, type Action, type Resource } from '$lib/domain/policy';
import type { ApiScope } from '$lib/domain/accounts';
import type { SessionUser } from '$lib/server/auth/sessions';
import type { Db } from '$lib/server/db';
import { issueFields, UserError } from '$lib/server/errors';
import { getResponse } from '$lib/server/responses';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly fields?: Record<string, string>
	) {
		super(message);
	}
}

function errorResponse(e: ApiError): Response {
	return json(
		{ error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } },
		{ status: e.status }
	);
}

/** Wraps an endpoint so every failure leaves as a JSON error with the right status. */
export function endpoint(handler: RequestHandler): RequestHandler {
	return async (event) => {
		try {
			return await handler(event);
		} catch (e) {
			if (e instanceof ApiError) return errorResponse(e);
			if (e instanceof UserError)
				return errorResponse(new ApiError(e.status, e.code, e.message, e.fields));
			if (e instanceof z.ZodError) {
				return errorResponse(
					new ApiError(400, 'invalid', m.error_fix_fields(), issueFields(e.issues))
				);
			}
			throw e;
		}
	};
}

/**
 * The caller, if signed in (cookie or token), allowed the action by the policy, and holding
 * the scope it needs when it came with a token.
 */
export function apiActor(
	event: Pick<RequestEvent, 'locals'>,
	action: Action,
	scope: ApiScope,
	resource?: Resource
): SessionUser {
	const { user, apiScopes } = event.locals;
	if (!user) throw new ApiError(401, 'unauthorized', m.error_api_unauthorized());
	if (apiScopes && !apiScopes.includes(scope)) {
		throw new ApiError(403, 'insufficient_scope', m.error_api_scope({ scope }));
	}
	if (!can(user, action, resource)) throw new ApiError(403, 'forbidden', m.error_forbidden());
	return user;
}

const MAX_JSON_BYTES = 1_000_000;

/** Reads and validates a JSON body; a malformed, oversized or invalid body is a 4xx. */
export async function readJson<T extends z.ZodType>(
	request: Request,
	schema: T,
	maxBytes = MAX_JSON_BYTES
): Promise<z.infer<T>> {
	return validBody(schema, (await readJsonBody(request, maxBytes)).body);
}

/** A body read by `readJsonBody`, checked against a schema: 400 naming each bad field. */
export function validBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		throw new ApiError(400, 'invalid', m.error_fix_fields(), issueFields(parsed.error.issues));
	}
	return parsed.data;
}

/** The 413 of a body over `maxBytes`. */
export const tooLarge = (maxBytes: number) =>
	new ApiError(413, 'too_large', m.error_api_too_large({ max: maxBytes }));

/**
 * Reads a JSON body of at most `maxBytes`, not yet validated, with its size in bytes (a route
 * that takes bodies of two kinds checks the smaller kind's limit itself).
 */
export async function readJsonBody(
	request: Request,
	maxBytes = MAX_JSON_BYTES
): Promise<{ body: unknown; bytes: number }> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().includes('application/json')) {
		throw new ApiError(415, 'unsupported_media_type', m.error_api_json_type());
	}
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > maxBytes) throw tooLarge(maxBytes);
	const { text, bytes } = await readLimited(request, maxBytes);
	try {
		return { body: JSON.parse(text), bytes };
	} catch {
		throw new ApiError(400, 'malformed_json', m.error_api_malformed());
	}
}

async function readLimited(
	request: Request,
	maxBytes: number
): Promise<{ text: string; bytes: number }> {
	if (!request.body) return { text: '', bytes: 0 };
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel();
			throw tooLarge(maxBytes);
		}
		chunks.push(value);
	}
	return { text: new TextDecoder().decode(Buffer.concat(chunks)), bytes: size };
}

/** Parses query parameters with a schema; a bad one is a 400 naming the parameter. */
export function readQuery<T extends z.ZodType>(url: URL, schema: T): z.infer<T> {
	const raw = Object.fromEntries(url.searchParams);
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		// A parameter the list does not know is named as the field at fault.
		const issues = parsed.error.issues.flatMap(
			(issue): { path: readonly PropertyKey[]; message: string }[] =>
				issue.code === 'unrecognized_keys'
					? issue.keys.map((key) => ({ path: [key], message: m.error_api_unknown_parameter() }))
					: [issue]
		);
		throw new ApiError(400, 'invalid', m.error_fix_fields(), issueFields(issues));
	}
	return parsed.data;
}

/** The response a route works in; every route says "no such response" the same way (404). */
export async function knownResponse(db: Db, id: number) {
	const response = Number.isSafeInteger(id) ? await getResponse(db, id) : undefined;
	if (!response) throw new ApiError(404, 'not_found', m.error_api_unknown_response());
	return response;
}
