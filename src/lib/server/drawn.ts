/**
 * Pictures the server draws for a page (map previews, charts) kept by everything they are drawn
 * from: the figures, the labels' language, the shapes' version. The same input always draws the
 * same SVG, so a kept one is never stale: a write changes the figures the page reads, and with
 * them the key, on every server at once. What is kept is bounded; the least recently used goes.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { notModified } from '$lib/server/http/etag';

export class DrawnCache<V> {
	// Boxed: the cache holds no null or undefined, and a picture may be "nothing to draw".
	readonly #kept: LRUCache<string, { value: V }>;
	constructor(max: number) {
		this.#kept = new LRUCache({ max });
	}

	/** The key of an input: a hash of its JSON (the figures can be long; the key stays small). */
	static keyOf(input: unknown): string {
		return createHash('sha256').update(JSON.stringify(input)).digest('base64');
	}

	/** What `draw` made from this input before, or draws and keeps it. */
	get(input: unknown, draw: () => V): V {
		return this.getKeyed(DrawnCache.keyOf(input), draw);
	}

	/** The same by the input's key (`keyOf`), for a caller that needs the key too. */
	getKeyed(key: string, draw: () => V): V {
		const kept = this.#kept.get(key);
		if (kept) return kept.value;
		const value = draw();
		this.#kept.set(key, { value });
		return value;
	}

	get size(): number {
		return this.#kept.size;
	}
}

/**
 * A page's link to a picture the server draws (a map preview, a chart): its address, which
 * names everything it is drawn from, and what it shows (its alt text). The page's data carries
 * only this; the SVG itself goes once into the page's HTML (`withDrawings`), and a page the
 * browser makes itself (a link followed, a filter changed) fetches it from `src`, which the
 * browser keeps. The page shows it with `$lib/components/Drawn.svelte`.
 */
export interface DrawnLink {
	src: string;
	title: string;
}

/**
 * What a picture's address names: an ETag for everything it is drawn from, whether the address
 * names that picture for good (then it is kept without asking again), and its SVG (null when
 * there is nothing to draw). The picture's route answers with it (`drawingResponse`).
 */
export interface Drawing {
	etag: string;
	lasting: boolean;
	svg: () => Promise<string | null> | string | null;
}

/** Pictures linked to lately: at most a few per page, for the pages being answered at once. */
const MAX_LINKED = 128;

/**
 * The pictures this server linked to lately, by link, for `withDrawings` to put into the page
 * the link is in (the same request, so the same process, whatever the number of workers).
 */
const linked = new LRUCache<string, string>({ max: MAX_LINKED });

/** A page's link to `svg` at `src`, kept for `withDrawings` to put into that page's HTML. */
export function drawnLink(src: string, title: string, svg: string | null): DrawnLink {
	if (svg) linked.set(src, svg);
	return { src, title };
}

/** The attribute of `Drawn.svelte`'s empty box, which holds the picture's link. */
const ATTRIBUTE = ' data-drawn="';
const CLOSE = '</div>';
const unescaped = (attribute: string) =>
	attribute
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');

/** Where `app.html` names the page's language (`<html lang="…">`), filled per request. */
export const LANG_MARK = '%paraglide.lang%';

/**
 * A page's HTML with each picture's SVG inside the empty box that links to it (`Drawn.svelte`),
 * and its language (`lang`) where `app.html` marks it. Only the HTML carries a picture: the
 * page's data has the link, and the browser keeps the box's content when the page starts. A
 * picture no longer among those linked lately (a server busy with many pages at once) is drawn
 * again by `redraw`, from its address. Found with `indexOf`, not a regular expression over the
 * whole page (a tenth of a 4W page's render was that scan), and written in one pass into one
 * string: the ETag's hash, the encoder and gzip read it next, and each edit made apart (a
 * `replace`, then concatenations) left a string made of pieces that the next reader copied
 * whole again (twice the page, in two-byte characters when it holds Khmer).
 */
export async function withDrawings(
	html: string,
	redraw: (src: string) => Promise<string | null>,
	lang?: string
): Promise<string> {
	const parts: string[] = [];
	let from = 0;
	const mark = lang === undefined ? -1 : html.indexOf(LANG_MARK);
	if (mark >= 0) {
		parts.push(html.slice(0, mark), lang as string);
		from = mark + LANG_MARK.length;
	}
	let at = html.indexOf(ATTRIBUTE, from);
	while (at >= 0) {
		const valueStart = at + ATTRIBUTE.length;
		const valueEnd = html.indexOf('"', valueStart);
		const tagEnd = valueEnd < 0 ? -1 : html.indexOf('>', valueEnd);
		if (tagEnd < 0) break;
		// Only an empty box's own attribute: one the page filled itself stays as it is.
		const empty =
			html.startsWith(CLOSE, tagEnd + 1) &&
			html.lastIndexOf('<div ', at) === html.lastIndexOf('<', at);
		if (empty) {
			const src = unescaped(html.slice(valueStart, valueEnd));
			const svg = linked.get(src) ?? (await redraw(src));
			if (svg) {
				parts.push(html.slice(from, tagEnd + 1), svg);
				from = tagEnd + 1;
			}
		}
		at = html.indexOf(ATTRIBUTE, tagEnd);
	}
	if (!parts.length) return html;
	parts.push(html.slice(from));
	return parts.join('');
}

/**
 * A picture's route's answer: 304 when the browser has it, else the SVG (404 when there is
 * nothing to draw). An address naming the picture for good is kept for a year; another (a page
 * from before the figures or shapes changed) is drawn anew and revalidated by its ETag.
 */
export async function drawingResponse(
	request: Request,
	drawing: Drawing
): Promise<Response | null> {
	const headers = {
		etag: drawing.etag,
		'cache-control': drawing.lasting ? 'private, max-age=31536000, immutable' : 'private, no-cache',
		// Opened on its own it is a document of this origin: nothing in it may run or load.
		'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'"
	};
	if (notModified(request, drawing.etag)) return new Response(null, { status: 304, headers });
	const svg = await drawing.svg();
	if (!svg) return null;
	return new Response(svg, {
		headers: { ...headers, 'content-type': 'image/svg+xml; charset=utf-8' }
	});
}
