/**
 * Keyset pages, the one way every list of the API pages. A list is ordered by an id that never
 * changes, so a walk from the first page to `next: null` meets every record that existed when it
 * began exactly once, whatever is added or edited meanwhile (an offset would repeat or skip rows
 * as rows come in). The cursor names its list, so one list's cursor sent to another is a 400
 * rather than a page of the wrong thing; it is opaque to callers so that the key can change.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { ApiError } from './index';

const cursorSchema = z.object({ list: z.string(), after: z.int().positive() });

const encode = (list: string, after: number) =>
	Buffer.from(JSON.stringify({ list, after })).toString('base64url');

/** The id after which the page starts (0 for the first page); a cursor not made here is a 400. */
export function readCursor(list: string, cursor: string | undefined): number {
	if (cursor === undefined) return 0;
	let raw: unknown;
	try {
		raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
	} catch {
		raw = undefined;
	}
	const parsed = cursorSchema.safeParse(raw);
	if (!parsed.success || parsed.data.list !== list || encode(list, parsed.data.after) !== cursor) {
		throw new ApiError(400, 'invalid', m.error_fix_fields(), { cursor: m.error_api_cursor() });
	}
	return parsed.data.after;
}

/**
 * One page of `list`: `fetch(after, take)` returns up to `take` records with keys above `after`,
 * in key order; one more than asked tells whether another page follows.
 */
export async function keysetPage<R>(
	list: string,
	q: { cursor?: string; limit: number },
	fetch: (after: number, take: number) => Promise<R[]>,
	key: (row: R) => number
): Promise<{ data: R[]; next: string | null }> {
	const rows = await fetch(readCursor(list, q.cursor), q.limit + 1);
	const data = rows.slice(0, q.limit);
	const more = rows.length > q.limit;
	return { data, next: more ? encode(list, key(data[data.length - 1])) : null };
}
