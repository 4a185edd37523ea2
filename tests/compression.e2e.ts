/**
 * What a phone downloads: pages and exports compressed when the browser reads gzip, and each
 * picture the server draws (a map's preview, a chart) once in its page (not again in the page's
 * data), at its own address besides, which a page made in the browser fetches.
 */
import { get, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { BASE_URL } from '../playwright.config';
import { massReturnId, open, signInAs } from './helpers';

interface Raw {
	status: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/** The bytes exactly as the server sent them (no decoding), with the page's session. */
async function raw(page: Page, path: string, headers: Record<string, string> = {}): Promise<Raw> {
	const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	return new Promise((resolve, reject) => {
		get(new URL(path, BASE_URL), { headers: { cookie, ...headers } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
			);
			res.on('error', reject);
		}).on('error', reject);
	});
}

/** A page's HTML without what changes on every request (the scripts' nonce). */
const steady = (html: string) => html.replace(/nonce="[^"]*"|'nonce-[^']*'/g, 'nonce');

test("the 4W page carries its map's preview once, and the preview's own address keeps it", async ({
	page
}) => {
	await signInAs(page, 'coordinator');
	const id = await massReturnId(page);
	const html = (await raw(page, `/responses/${id}/shelter/activities`)).body.toString();
	// The first area's outline: in the page's HTML, and not a second time in its data.
	const outline = /<div [^>]*data-drawn="[^"]*"[^>]*><svg[^>]*>.*?<path d="([^"]+)"/s.exec(html);
	expect(outline).not.toBeNull();
	expect(html.split(outline![1]).length - 1).toBe(1);

	// The link in the page's data draws the same map, and is kept by the browser.
	const src = /data-drawn="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&');
	const svg = await raw(page, src);
	expect(svg.status).toBe(200);
	expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
	expect(svg.body.toString()).toContain(outline![1]);
	expect(svg.headers['cache-control']).toMatch(/max-age=\d+/);
	const again = await raw(page, src, { 'if-none-match': String(svg.headers.etag) });
	expect(again.status).toBe(304);
});

for (const [lang, title, filter] of [
	['en', 'Arrivals per day by crossing point', 'Filter'],
	['km', 'ការមកដល់ប្រចាំថ្ងៃ តាមច្រកព្រំដែន', 'ត្រង']
] as const) {
	test(`the returns dashboard's charts come once in its page, and from their address when a filter changes (${lang})`, async ({
		page
	}) => {
		await signInAs(page, 'coordinator');
		await page.context().addCookies([{ name: 'sahakar_lang', value: lang, url: BASE_URL }]);
		const id = await massReturnId(page);
		const html = (await raw(page, `/responses/${id}/returns`)).body.toString();
		// Each chart inside its box in the HTML, and its drawing not a second time in the data.
		const boxes = [
			...html.matchAll(/<div [^>]*data-drawn="([^"]*chart\.svg[^"]*)"[^>]*>(<svg.*?<\/svg>)/gs)
		];
		expect(boxes).toHaveLength(2);
		for (const [, , svg] of boxes) {
			const bar = /<rect [^>]*>/.exec(svg)![0];
			expect(html.split(bar).length - 1).toBe(1);
		}
		expect(boxes[0][2]).toContain(`<title>${title}</title>`);
		// Its own address: the same drawing, kept by the browser, 304 when it asks again.
		const src = boxes[0][1].replace(/&amp;/g, '&');
		expect(src).toContain(`lang=${lang}`);
		const alone = await raw(page, src);
		expect(alone.status).toBe(200);
		expect(alone.headers['content-type']).toMatch(/^image\/svg\+xml/);
		expect(alone.body.toString()).toBe(boxes[0][2]);
		expect(alone.headers['cache-control']).toMatch(/max-age=\d+/);
		expect((await raw(page, src, { 'if-none-match': String(alone.headers.etag) })).status).toBe(
			304
		);

		// In the browser: shown from the HTML, nothing fetched for it.
		const fetched: string[] = [];
		page.on('request', (r) => {
			if (r.url().includes('/chart.svg')) fetched.push(r.url());
		});
		await open(page, `/responses/${id}/returns`);
		const daily = page.getByRole('img', { name: title });
		await expect(daily).toBeVisible();
		const bars = await daily.locator('rect title').count();
		expect(bars).toBeGreaterThan(1);
		expect(fetched).toEqual([]);

		// A filter changed: the page is made in the browser and fetches both charts by their links.
		const charts = page.waitForResponse((r) => r.url().includes('/chart.svg?chart=daily'));
		await page.locator('input[name="to"]').fill('2014-06-10');
		await page.getByRole('button', { name: filter }).click();
		expect((await charts).status()).toBe(200);
		await expect(page).toHaveURL(/to=2014-06-10/);
		await expect(daily).toBeVisible();
		await expect(daily.locator('rect title')).not.toHaveCount(bars);
		expect(await daily.locator('rect title').count()).toBeGreaterThan(0);
		await expect(page.getByRole('img', { name: title })).toHaveCount(1);
		expect(fetched.every((u) => u.includes('to=2014-06-10'))).toBe(true);
		expect(fetched).toHaveLength(2);
	});
}

test('a page and an export asked for in gzip come in gzip, decoding to the same bytes', async ({
	page
}) => {
	await signInAs(page, 'coordinator');
	const id = await massReturnId(page);
	for (const path of [`/responses/${id}/returns`, `/responses/${id}/shelter/activities`]) {
		const plain = await raw(page, path);
		const zipped = await raw(page, path, { 'accept-encoding': 'gzip' });
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(zipped.headers['content-encoding']).toBe('gzip');
		expect(zipped.headers.vary).toMatch(/accept-encoding/i);
		expect(zipped.body.byteLength).toBeLessThan(plain.body.byteLength / 3);
		expect(steady(gunzipSync(zipped.body).toString())).toBe(steady(plain.body.toString()));
	}

	// An export streams (no length known before its last row), compressed as it goes.
	const csv = `/api/v1/export/activities.csv?responseId=${id}`;
	const plain = await raw(page, csv);
	const zipped = await raw(page, csv, { 'accept-encoding': 'gzip, deflate' });
	expect(zipped.status).toBe(200);
	expect(zipped.headers['content-encoding']).toBe('gzip');
	expect(zipped.headers['content-length']).toBeUndefined();
	expect(zipped.headers['transfer-encoding']).toBe('chunked');
	expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
	// Spreadsheets are zip files already: sent as they are.
	const xlsx = await raw(page, `/api/v1/export/activities.xlsx?responseId=${id}`, {
		'accept-encoding': 'gzip'
	});
	expect(xlsx.status).toBe(200);
	expect(xlsx.headers['content-encoding']).toBeUndefined();
	expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');
});
