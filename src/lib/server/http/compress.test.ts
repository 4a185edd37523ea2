import { constants, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptedEncoding, compressed, SYNC_GZIP_MAX_BYTES } from './compress';
import { notModified } from './etag';

const page = '<!doctype html><html><body>' + '<p>Households reached: 1,234</p>'.repeat(200);
const get = (acceptEncoding?: string, headers: Record<string, string> = {}) =>
	new Request('http://localhost/page', {
		headers: { ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}), ...headers }
	});
const html = (body = page, headers: Record<string, string> = {}) =>
	new Response(body, {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-length': String(Buffer.byteLength(body)),
			...headers
		}
	});
const bytes = async (r: Response) => Buffer.from(await r.arrayBuffer());

describe('compressed answers', () => {
	it('answers in gzip when the browser reads it, as it is otherwise', () => {
		expect(acceptedEncoding('gzip, deflate, br, zstd')).toBe('gzip');
		expect(acceptedEncoding('br;q=1, gzip;q=0.5')).toBe('gzip');
		expect(acceptedEncoding('gzip;q=0, br')).toBeNull();
		expect(acceptedEncoding('identity')).toBeNull();
		expect(acceptedEncoding('*')).toBe('gzip');
		expect(acceptedEncoding(null)).toBeNull();
	});

	it('sends a page in gzip that decodes to the same page, its length and tag said', async () => {
		const response = await compressed(get('gzip'), html(page, { etag: '"v1"' }));
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
		const body = await bytes(response);
		expect(Number(response.headers.get('content-length'))).toBe(body.byteLength);
		expect(body.byteLength).toBeLessThan(Buffer.byteLength(page) / 5);
		expect(gunzipSync(body).toString()).toBe(page);
		// The bytes differ, the content does not: the tag is weak, and still names the copy kept.
		expect(response.headers.get('etag')).toBe('W/"v1"');
		expect(notModified(get('gzip', { 'if-none-match': 'W/"v1"' }), '"v1"')).toBe(true);
	});

	it('compresses a page at once and a larger body in the thread pool to the same bytes decoded', async () => {
		const large = page.repeat(Math.ceil((SYNC_GZIP_MAX_BYTES * 2) / Buffer.byteLength(page)));
		expect(Buffer.byteLength(page)).toBeLessThanOrEqual(SYNC_GZIP_MAX_BYTES);
		expect(Buffer.byteLength(large)).toBeGreaterThan(SYNC_GZIP_MAX_BYTES);
		for (const body of [page, large]) {
			const response = await compressed(get('gzip'), html(body));
			const sent = await bytes(response);
			expect(Number(response.headers.get('content-length'))).toBe(sent.byteLength);
			expect(gunzipSync(sent).toString()).toBe(body);
		}
	});

	it('leaves alone what the browser cannot read, what is compressed already, and small answers', async () => {
		const plain = await compressed(get(), html());
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect((await bytes(plain)).toString()).toBe(page);
		const xlsx = new Response(new Uint8Array(4096), {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
			}
		});
		expect(await compressed(get('gzip'), xlsx)).toBe(xlsx);
		const small = html('<p>ok</p>');
		expect(await compressed(get('gzip'), small)).toBe(small);
		const kept = html(page, { 'cache-control': 'no-transform' });
		expect(await compressed(get('gzip'), kept)).toBe(kept);
	});

	it("weakens a 304's tag as the compressed answer's, so both name the same copy", async () => {
		const response = await compressed(
			get('gzip'),
			new Response(null, { status: 304, headers: { etag: '"v1"' } })
		);
		expect(response.status).toBe(304);
		expect(response.headers.get('etag')).toBe('W/"v1"');
	});

	it('sends each chunk of a streamed export as soon as it is written, before the end', async () => {
		// The export writes its header row, then waits (as for its next rows from the database).
		let finish!: () => void;
		const more = new Promise<void>((resolve) => (finish = resolve));
		const encoder = new TextEncoder();
		const stream = new ReadableStream<Uint8Array>({
			async start(controller) {
				controller.enqueue(encoder.encode('pcode,households\n'));
				await more;
				controller.enqueue(encoder.encode('KH01,12\n'));
				controller.close();
			}
		});
		const response = await compressed(
			get('gzip'),
			new Response(stream, { headers: { 'content-type': 'text/csv; charset=utf-8' } })
		);
		expect(response.headers.get('content-encoding')).toBe('gzip');
		const reader = response.body!.getReader();
		// The first chunk arrives while the export has not written its second: it was flushed.
		const received: Uint8Array[] = [];
		let decoded = '';
		while (!decoded.includes('\n')) {
			const { value, done } = await reader.read();
			expect(done).toBe(false);
			received.push(value!);
			decoded = gunzipPartial(Buffer.concat(received));
		}
		expect(decoded).toBe('pcode,households\n');
		finish();
		for (let r = await reader.read(); !r.done; r = await reader.read()) received.push(r.value);
		expect(gunzipSync(Buffer.concat(received)).toString()).toBe('pcode,households\nKH01,12\n');
	});
});

/** What the bytes of an unfinished gzip stream decode to so far. */
function gunzipPartial(data: Buffer): string {
	return gunzipSync(data, { finishFlush: constants.Z_SYNC_FLUSH }).toString();
}
