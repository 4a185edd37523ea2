/**
 * Through HTTP on the built app (`npm run build` first), over a demo database of its own: what a
 * browser downloads for the returns dashboard, with the province shapes served once per version
 * by /api/v1/boundaries (a 304 on a revisit) instead of inside every page.
 */
import { startServer, returnResponseId, shelterResponseId } from './server';
import type { Bench, BenchRow } from './harness';

async function bytes(url: string, headers: Record<string, string>) {
	const res = await fetch(url, { headers });
	const body = Buffer.from(await res.arrayBuffer());
	return { status: res.status, bytes: body.length, etag: res.headers.get('etag') };
}

export const httpBench: Bench = {
	name: 'http',
	async run({ workDir }) {
		const server = await startServer(workDir);
		try {
			const cookie = await server.signIn('coordinator@demo.sahakar.org');
			const id = returnResponseId(server.databasePath);
			const page = `${server.origin}/responses/${id}/returns`;
			const html = await bytes(page, { cookie });
			const data = await bytes(`${page}/__data.json`, { cookie });
			const shelter = `${server.origin}/responses/${shelterResponseId(server.databasePath)}/shelter/activities`;
			const w4 = await bytes(shelter, { cookie });
			const shapesUrl = `${server.origin}/api/v1/boundaries?level=1`;
			const shapes = await bytes(shapesUrl, { cookie });
			const again = await bytes(shapesUrl, { cookie, 'if-none-match': shapes.etag ?? '' });
			if (
				w4.status !== 200 ||
				html.status !== 200 ||
				data.status !== 200 ||
				shapes.status !== 200
			) {
				throw new Error(`unexpected status ${html.status} ${data.status} ${shapes.status}`);
			}
			const kb = (n: number) => n / 1024;
			const rows: BenchRow[] = [
				{
					name: 'http: returns dashboard HTML (with its data inline)',
					value: kb(html.bytes),
					unit: 'KB',
					note: 'uncompressed; shapes not inside'
				},
				{
					name: 'http: returns dashboard __data.json (client navigation)',
					value: kb(data.bytes),
					unit: 'KB',
					note: 'uncompressed; shapes not inside'
				},
				{
					name: 'http: 4W page HTML (with its data inline)',
					value: kb(w4.bytes),
					unit: 'KB',
					note: 'uncompressed; shapes not inside'
				},
				{
					name: 'http: province shapes, first visit',
					value: kb(shapes.bytes),
					unit: 'KB',
					note: `200, ETag ${shapes.etag}`
				},
				{
					name: 'http: province shapes, revisit',
					value: kb(again.bytes),
					unit: 'KB',
					note: `${again.status}${again.status === 304 ? ' Not Modified: PASS' : ': FAIL (expected 304)'}`
				}
			];
			return rows;
		} finally {
			await server.stop();
		}
	}
};
