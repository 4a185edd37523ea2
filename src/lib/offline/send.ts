/**
 * Sending one outbox item and reading the answer. Pure apart from the `fetch` it is given, so the
 * outbox, its tests and a background sync can share it.
 */

export type SendOutcome =
	/** The server holds it (201 the first time, 200 for a repeat). */
	| { kind: 'sent' }
	/** Try again later: no network, a timeout, a server error, a page that is not our API. */
	| { kind: 'retry'; status: number | null; message: string | null }
	/** The session expired: keep everything, ask the user to sign in. */
	| { kind: 'signed_out' }
	/** The server refused this submission: keep it with the reason until fixed or discarded. */
	| {
			kind: 'refused';
			status: number;
			/** The server's reason, in the user's language; null when it gave none. */
			message: string | null;
			fields?: Record<string, string>;
	  };

/** Statuses worth retrying as they are: timeouts, rate limits and server errors. */
const TRANSIENT = new Set([408, 425, 429]);

export async function sendSubmission(
	fetchFn: typeof fetch,
	url: string,
	payload: { id: string },
	timeoutMs = 30_000
): Promise<SendOutcome> {
	let res: Response;
	try {
		res = await fetchFn(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(payload),
			credentials: 'same-origin',
			redirect: 'manual',
			signal: AbortSignal.timeout(timeoutMs)
		});
	} catch {
		return { kind: 'retry', status: null, message: null };
	}
	let body: unknown = null;
	try {
		body = await res.json();
	} catch {
		// Not JSON: a captive portal, a proxy's error page. Never take that for a receipt.
	}
	if (res.status === 200 || res.status === 201) {
		const data = (body as { data?: { id?: unknown } } | null)?.data;
		return data?.id === payload.id
			? { kind: 'sent' }
			: { kind: 'retry', status: res.status, message: null };
	}
	if (res.status === 401) return { kind: 'signed_out' };
	const error = (body as { error?: { message?: unknown; fields?: unknown } } | null)?.error;
	const message = typeof error?.message === 'string' ? error.message : null;
	if (res.status >= 500 || TRANSIENT.has(res.status) || res.status < 400) {
		return { kind: 'retry', status: res.status || null, message };
	}
	const fields =
		error?.fields && typeof error.fields === 'object'
			? (error.fields as Record<string, string>)
			: undefined;
	return { kind: 'refused', status: res.status, message, fields };
}

const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;

/**
 * Exponential backoff with jitter: about 2 s, 4 s, 8 s … up to 5 minutes, each cut by up to a
 * half at random so that many phones coming back online do not all call at once.
 */
export function backoffMs(attempts: number, random = Math.random()): number {
	const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
	return Math.round(ceiling * (0.5 + random / 2));
}
