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
	return outcomeOf(res.status, await bodyOf(res), payload.id);
}

async function bodyOf(res: Response): Promise<unknown> {
	try {
		return await res.json();
	} catch {
		// Not JSON: a captive portal, a proxy's error page. Never take that for a receipt.
		return null;
	}
}

/** What an answer (a whole response's, or one record's in a batch) means for the record `id`. */
function outcomeOf(status: number, body: unknown, id: string): SendOutcome {
	if (status === 200 || status === 201) {
		const data = (body as { data?: { id?: unknown } } | null)?.data;
		return data?.id === id ? { kind: 'sent' } : { kind: 'retry', status, message: null };
	}
	if (status === 401) return { kind: 'signed_out' };
	const error = (body as { error?: { message?: unknown; fields?: unknown } } | null)?.error;
	const message = typeof error?.message === 'string' ? error.message : null;
	if (status >= 500 || TRANSIENT.has(status) || status < 400) {
		return { kind: 'retry', status: status || null, message };
	}
	const fields =
		error?.fields && typeof error.fields === 'object'
			? (error.fields as Record<string, string>)
			: undefined;
	return { kind: 'refused', status, message, fields };
}

/**
 * Sends several items in one request (`{ "records": [...] }`) and reads each one's answer in the
 * batch's `results`, exactly as `sendSubmission` reads a single one's: one outcome per payload,
 * in their order. What befalls the request as a whole (no network, a 5xx, a 401, a page that is
 * not our API) befalls each item; a batch the server refuses as a whole (too long for an older
 * server, say) is sent again an item at a time, so each still gets its own answer.
 */
export async function sendBatch(
	fetchFn: typeof fetch,
	url: string,
	payloads: { id: string }[],
	timeoutMs = 60_000
): Promise<SendOutcome[]> {
	if (payloads.length === 1) return [await sendSubmission(fetchFn, url, payloads[0], timeoutMs)];
	let res: Response;
	try {
		res = await fetchFn(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({ records: payloads }),
			credentials: 'same-origin',
			redirect: 'manual',
			signal: AbortSignal.timeout(timeoutMs)
		});
	} catch {
		return payloads.map(() => ({ kind: 'retry', status: null, message: null }));
	}
	const body = await bodyOf(res);
	const results = (body as { results?: unknown } | null)?.results;
	if (res.status === 200 && Array.isArray(results) && results.length === payloads.length) {
		return payloads.map((p, i) => {
			const r = results[i] as { id?: unknown; status?: unknown } | null;
			if (r?.id !== p.id || typeof r.status !== 'number') {
				return { kind: 'retry', status: 200, message: null };
			}
			return outcomeOf(r.status, r, p.id);
		});
	}
	const whole = outcomeOf(res.status, body, '');
	if (whole.kind !== 'refused') return payloads.map(() => whole);
	const outcomes: SendOutcome[] = [];
	for (const p of payloads) {
		const outcome = await sendSubmission(fetchFn, url, p, timeoutMs);
		outcomes.push(outcome);
		if (outcome.kind === 'signed_out' || (outcome.kind === 'retry' && outcome.status === null)) {
			// The rest would fare alike: each is kept for the next round.
			while (outcomes.length < payloads.length) outcomes.push(outcome);
			break;
		}
	}
	return outcomes;
}

/**
 * The items to send, oldest first, cut into batches the server takes: at most `maxRecords`
 * records in a body of at most `maxBytes`.
 */
export function batches<T extends { payload: unknown }>(
	items: T[],
	maxRecords: number,
	maxBytes: number
): T[][] {
	const out: T[][] = [];
	let current: T[] = [];
	let bytes = 0;
	for (const item of items) {
		const size = new TextEncoder().encode(JSON.stringify(item.payload)).byteLength + 1;
		if (current.length && (current.length >= maxRecords || bytes + size > maxBytes)) {
			out.push(current);
			current = [];
			bytes = 0;
		}
		current.push(item);
		bytes += size;
	}
	if (current.length) out.push(current);
	return out;
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
