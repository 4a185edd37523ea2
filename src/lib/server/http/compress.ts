/**
 * Compression of what the server writes for each request (pages, their data, JSON, CSV, SVG),
 * when the browser says it reads it: a page of the 4W matrix is about a fifth of its size in
 * gzip, which is most of what a phone on a slow network waits for. The built scripts and styles
 * are compressed once at build time (adapter-node's precompress), not here.
 *
 * A body of known length is compressed whole: a page-sized one at once, on the request's own
 * thread (through the thread pool a 12 KB page cost 0.15 ms of CPU, on its own thread 0.11 ms;
 * a 90 KB one 0.73 against 0.64 ms), a larger one in the thread pool; a streamed one (exports)
 * chunk by chunk, each flushed as it comes, so a download still starts at once. Formats that are
 * compressed already (XLSX, DOCX, ZIP, PDF, images) are left alone. The level is a cheap one:
 * most of the gain at a fraction of the default's CPU (README, "Performance"); a stream's, the
 * fastest. gzip only: brotli at quality 4 saved a tenth more bytes but cost 8–12 ms of CPU per page (its encoder's
 * window is allocated per answer), against gzip's 1–2 ms.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { promisify } from 'node:util';
import { constants, createGzip, gzip, gzipSync } from 'node:zlib';

export type Encoding = 'gzip';

/** gzip's level: 1 fastest … 9 smallest, 6 by default. */
export const GZIP_LEVEL = 4;

/**
 * A streamed body's (an export's) level: the fastest. An export is megabytes of repetitive text
 * compressed while the client waits: level 4 took twice level 1's CPU for 6% fewer bytes (the
 * assessments CSV, 18 MB: 57 ms against 27 ms, 1.18 MB against 1.25 MB).
 */
export const GZIP_STREAM_LEVEL = 1;

/** Text worth compressing; everything else is left as it is. */
const COMPRESSIBLE =
	/^(text\/|application\/(json|javascript|xml|x-ndjson|[\w.+-]*\+(json|xml))|image\/svg\+xml)/i;

/** Below this many bytes the headers and the work cost more than they save. */
const MIN_BYTES = 1024;

const gzipAsync = promisify(gzip);

/**
 * Up to this many bytes a body is compressed on the request's thread (`gzipSync`: well under a
 * millisecond at this level); above it, in the thread pool, so the thread answers others meanwhile.
 */
export const SYNC_GZIP_MAX_BYTES = 256 * 1024;

/** The encoding to answer in, from the request's Accept-Encoding (q=0 refuses one). */
export function acceptedEncoding(header: string | null): Encoding | null {
	if (!header) return null;
	const accepted = new Map<string, number>();
	for (const part of header.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
		accepted.set(name.trim(), q ? Number(q[1]) : 1);
	}
	const weight = (name: Encoding) => accepted.get(name) ?? accepted.get('*') ?? 0;
	return weight('gzip') > 0 ? 'gzip' : null;
}

/** Whether a response is text, not compressed yet, and large enough (or streamed) to be worth it. */
function compressible(response: Response): boolean {
	if (response.status === 204) return false;
	const headers = response.headers;
	if (headers.has('content-encoding')) return false;
	// `no-transform` asks every step between the app and the browser to send the bytes as they are.
	if (/\bno-transform\b/i.test(headers.get('cache-control') ?? '')) return false;
	if (!COMPRESSIBLE.test(headers.get('content-type') ?? '')) return false;
	const length = headers.get('content-length');
	return length === null || Number(length) >= MIN_BYTES;
}

/** A streamed body compressed chunk by chunk, each chunk's bytes sent as soon as it is read. */
function compressStream(body: ReadableStream<Uint8Array>) {
	const compressor = createGzip({ level: GZIP_STREAM_LEVEL, flush: constants.Z_SYNC_FLUSH });
	const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
	source.on('error', (e) => compressor.destroy(e));
	return Readable.toWeb(source.pipe(compressor)) as ReadableStream<Uint8Array>;
}

/** The ETag of the compressed bytes: weak (they differ, the content does not), as `notModified` reads it. */
const weakened = (etag: string) => (etag.startsWith('W/') ? etag : `W/${etag}`);

/**
 * The response compressed in the encoding the request accepts, or the response itself. Caches
 * are told a compressible answer depends on Accept-Encoding; a compressed one's ETag is weak,
 * and so is a 304's to the same request, so both name the copy the browser keeps.
 */
export async function compressed(request: Request, response: Response): Promise<Response> {
	const encoding = acceptedEncoding(request.headers.get('accept-encoding'));
	if (response.status === 304) {
		const etag = response.headers.get('etag');
		if (!encoding || !etag || etag.startsWith('W/')) return response;
		const headers = new Headers(response.headers);
		headers.set('etag', weakened(etag));
		return new Response(null, { status: 304, headers });
	}
	const stream = response.body;
	if (!stream || !compressible(response)) return response;
	const headers = new Headers(response.headers);
	headers.append('vary', 'Accept-Encoding');
	const init = { status: response.status, statusText: response.statusText, headers };
	if (!encoding) return new Response(stream, init);
	headers.set('content-encoding', encoding);
	const etag = headers.get('etag');
	if (etag) headers.set('etag', weakened(etag));
	if (!headers.has('content-length')) return new Response(compressStream(stream), init);
	const bytes = new Uint8Array(await response.arrayBuffer());
	const body =
		bytes.byteLength <= SYNC_GZIP_MAX_BYTES
			? gzipSync(bytes, { level: GZIP_LEVEL })
			: await gzipAsync(bytes, { level: GZIP_LEVEL });
	headers.set('content-length', String(body.byteLength));
	return new Response(body, init);
}
