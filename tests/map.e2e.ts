import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectAccessible, signInAs } from './helpers';
import { createApp, freePort, makeDemo, type App } from './support/app';
import { PROVINCE_COLOURS } from '../src/lib/components/map/colours';

const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

/** Share of canvas pixels within a small distance of a colour. */
async function colourShare(page: Page, colour: string): Promise<number> {
	const [r, g, b] = hex(colour);
	return page.evaluate(
		([r, g, b]) => {
			const canvas = document.querySelector('.map-view canvas') as HTMLCanvasElement;
			const copy = document.createElement('canvas');
			copy.width = canvas.width;
			copy.height = canvas.height;
			const ctx = copy.getContext('2d')!;
			ctx.drawImage(canvas, 0, 0);
			const px = ctx.getImageData(0, 0, copy.width, copy.height).data;
			let hits = 0;
			for (let i = 0; i < px.length; i += 4) {
				if (Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b) < 12) hits++;
			}
			return hits / (px.length / 4);
		},
		[r, g, b]
	);
}

/** The page opens with the server's drawing; the button starts the interactive map. */
async function waitForMap(page: Page, start = 'Interactive map') {
	const first = page.locator('.map-view').first();
	await expect(first.locator('svg[role="img"] path').first()).toBeVisible();
	await expect(first.locator('canvas')).toHaveCount(0);
	await first.getByRole('button', { name: start }).click();
	await expect(page.locator('.map-view canvas').first()).toBeVisible();
	await expect
		.poll(() => colourShare(page, PROVINCE_COLOURS.fill), { timeout: 20_000 })
		.toBeGreaterThan(0.1);
}

test('the map draws the provinces offline, and a click shows a province', async ({ page }) => {
	const outside: string[] = [];
	page.on('request', (r) => {
		const url = new URL(r.url());
		if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return; // data:, blob:
		if (url.origin !== new URL(page.url() === 'about:blank' ? r.url() : page.url()).origin) {
			outside.push(r.url());
		}
	});
	await signInAs(page, 'viewer');
	await page.goto('/map');
	await waitForMap(page);
	await expect(page.getByRole('note')).toContainText('Tboung Khmum');

	// Kampong Thom sits in the middle of the country and of the map.
	const box = (await page.locator('.map-view canvas').first().boundingBox())!;
	await page.mouse.click(box.x + box.width * 0.52, box.y + box.height * 0.42);
	await expect(page.getByTestId('province-pcode')).toHaveText('KH06');
	await expect(page.getByTestId('province-name-en')).toHaveText('Kampong Thom');
	await expect(page.getByTestId('province-name-km')).toHaveText('កំពង់ធំ');
	await expect.poll(() => colourShare(page, PROVINCE_COLOURS.selected)).toBeGreaterThan(0.01);

	// The list beside the map does the same without a pointer.
	await page.getByRole('combobox', { name: 'Province', exact: true }).selectOption('KH25');
	await expect(page.getByTestId('province-name-km')).toHaveText('ត្បូងឃ្មុំ');

	await expectAccessible(page);
	expect(outside).toEqual([]);
});

test('the map works in Khmer', async ({ page }) => {
	// Khmer chosen on the sign-in page: the shared coordinator account keeps its language.
	await page.goto('/login');
	await page.getByRole('button', { name: 'Change language' }).click();
	await signInAs(page, 'coordinator');
	await expect(page.locator('html')).toHaveAttribute('lang', 'km');
	await page.goto('/map');
	await waitForMap(page, 'ផែនទីអន្តរកម្ម');
	await expect(page.locator('h1')).toHaveText('ផែនទី');
	await expect(page.getByRole('button', { name: 'ពង្រីក' }).first()).toBeVisible();
	await page.getByRole('combobox', { name: 'ខេត្ត', exact: true }).selectOption('KH01');
	await expect(page.getByTestId('province-name-km')).toHaveText('បន្ទាយមានជ័យ');
});

test('a point typed on the map page is filed under its province', async ({ page }) => {
	await signInAs(page, 'field');
	await page.goto('/map');
	await page.getByLabel('Longitude').fill('100.5');
	await page.getByLabel('Latitude').fill('13.75');
	await expect(page.locator('.point-picker .status')).toHaveText('This point is outside Cambodia.');
	await page.getByLabel('Longitude').fill('102.565');
	await page.getByLabel('Latitude').fill('13.659');
	await expect(page.locator('.point-picker .status')).toHaveText('Inside Banteay Meanchey (KH01).');
	await page.getByRole('button', { name: 'Find the area' }).click();
	await expect(page.getByTestId('located')).toHaveText('Banteay Meanchey (KH01)');
	// Clicking the small map, opened on demand, places the point too.
	await expect(page.locator('.point-picker canvas')).toHaveCount(0);
	await page.getByRole('button', { name: 'Pick the point on a map' }).click();
	const picker = page.locator('.point-picker canvas');
	await expect(picker).toBeVisible();
	await expect(page.locator('.point-picker .map-view')).toHaveAttribute('aria-busy', 'false');
	const box = (await picker.boundingBox())!;
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	await expect(page.getByLabel('Longitude')).not.toHaveValue('102.565');
	// The middle of Cambodia is in a province; the page and the server name the same one.
	const status = page.locator('.point-picker .status');
	await expect(status).toHaveText(/^Inside .+ \(KH\d\d\)\.$/);
	const inside = /^Inside (.+)\.$/.exec((await status.textContent())!)![1];
	await page.getByRole('button', { name: 'Find the area' }).click();
	await expect(page.getByTestId('located')).toHaveText(inside);
});

test('the boundaries endpoint serves provinces as GeoJSON', async ({ page }) => {
	await signInAs(page, 'viewer');
	const res = await page.request.get('/api/v1/boundaries?level=1');
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toContain('application/geo+json');
	const fc = await res.json();
	expect(fc.type).toBe('FeatureCollection');
	expect(fc.features.length).toBeGreaterThanOrEqual(24);
	// Pages leave the shapes out; the browser keeps them and asks whether they changed.
	const etag = res.headers()['etag'];
	// Weak when compressed (the bytes differ, the shapes do not); a 304 all the same.
	expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
	expect(res.headers()['cache-control']).toBe('private, no-cache');
	const again = await page.request.get('/api/v1/boundaries?level=1', {
		headers: { 'if-none-match': etag }
	});
	expect(again.status()).toBe(304);
	expect(again.headers()['etag']).toBe(etag);
	const other = await page.request.get('/api/v1/boundaries?level=2', {
		headers: { 'if-none-match': etag }
	});
	expect(other.status()).toBe(200);
	const bad = await page.request.get('/api/v1/boundaries?level=7');
	expect(bad.status()).toBe(400);
	expect((await bad.json()).error.fields.level).toBeTruthy();
});

// Imported district shapes change every page that maps districts, for the rest of the run: the
// import goes to a demo of its own, on a server of its own, so no other test file sees it.
test.describe('on a demo server of its own', () => {
	let app: App | undefined;
	let context: BrowserContext | undefined;
	test.beforeAll(async () => {
		// Boundary files are several MB, as the demo script allows.
		app = createApp({ BODY_SIZE_LIMIT: '60M' }, undefined, await freePort());
		makeDemo(app.dbPath);
		await app.start();
	});
	test.afterAll(async () => {
		await context?.close();
		await app?.dispose();
	});

	test('an admin imports a boundary file and sees the counts; a wrong file changes nothing', async ({
		browser
	}) => {
		// The page and its requests go to that server.
		context = await browser.newContext({ baseURL: app!.origin });
		const page = await context.newPage();
		await signInAs(page, 'admin');
		const shapesTag = async () =>
			(await page.request.get('/api/v1/boundaries?level=2')).headers()['etag'];
		const tagBefore = await shapesTag();
		await page.goto('/admin/boundaries');
		await expect(page.getByTestId('shapes-1')).toHaveText('24');
		// Demo data names some districts (without shapes); the two imported here are not among them.
		const districtsBefore = Number(await page.getByTestId('areas-2').textContent());
		await expectAccessible(page);

		const square = (w: number, s: number) => ({
			type: 'Polygon',
			coordinates: [
				[
					[w, s],
					[w + 0.1, s],
					[w + 0.1, s + 0.1],
					[w, s + 0.1],
					[w, s]
				]
			]
		});
		const districts = {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: {
						ADM2_PCODE: 'KH0107',
						ADM2_EN: 'Thma Puok',
						ADM2_KM: 'ថ្មពួក',
						ADM1_PCODE: 'KH01'
					},
					geometry: square(102.8, 13.9)
				},
				{
					type: 'Feature',
					properties: { ADM2_PCODE: 'KH1201', ADM2_EN: 'Chamkar Mon', ADM1_PCODE: 'KH12' },
					geometry: square(104.9, 11.5)
				}
			]
		};
		const input = page.getByLabel('Files');
		await input.setInputFiles({
			name: 'khm_admbnda_adm2_test.geojson',
			mimeType: 'application/geo+json',
			buffer: Buffer.from(JSON.stringify(districts))
		});
		await page.getByRole('button', { name: 'Import' }).click();
		await expect(page.getByRole('status')).toContainText('khm_admbnda_adm2_test.geojson');
		await expect(page.getByTestId('shapes-2')).toHaveText('2');
		await expect(page.getByTestId('areas-2')).toHaveText(String(districtsBefore + 2));
		await expect(page.locator('tr[data-level="2"]')).toContainText(
			'khm_admbnda_adm2_test.geojson (2)'
		);
		// Browsers holding the old shapes get the new ones on their next check.
		const tagAfter = await shapesTag();
		expect(tagAfter).not.toBe(tagBefore);

		const broken = {
			...districts,
			features: [districts.features[0], { ...districts.features[1], properties: { ADM2_EN: 'x' } }]
		};
		await input.setInputFiles({
			name: 'broken.geojson',
			mimeType: 'application/geo+json',
			buffer: Buffer.from(JSON.stringify(broken))
		});
		await page.getByRole('button', { name: 'Import' }).click();
		await expect(page.getByRole('alert')).toContainText(
			'broken.geojson: feature 2 has no ADM2_PCODE'
		);
		await expect(page.getByTestId('shapes-2')).toHaveText('2');
		await expect(page.locator('tr[data-level="2"]')).toContainText(
			'khm_admbnda_adm2_test.geojson (2)'
		);
		expect(await shapesTag()).toBe(tagAfter);
		await expectAccessible(page);

		// The map offers the districts now.
		await page.goto('/map');
		await waitForMap(page);
		await page.getByLabel('Show districts').check();
		const res = await page.request.get('/api/v1/boundaries?level=2');
		expect((await res.json()).features).toHaveLength(2);
		// It credits the district shapes it draws (a COD-AB file, by its name), beside the basemap's.
		const credits = page
			.getByRole('region', { name: 'Map: Provinces' })
			.locator('.maplibregl-ctrl-attrib');
		await expect(credits).toContainText('OCHA COD-AB, via HDX');
		await expect(credits).toContainText('Natural Earth');
	});
});

test('a page reads before its map: the server drawing first, MapLibre when scrolled to', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 800 });
	await signInAs(page, 'coordinator');
	const { data } = await (await page.request.get('/api/v1/responses')).json();
	const id = (data as { id: number; kind: string }[]).find((r) => r.kind === 'mass_return')!.id;
	const maplibre: string[] = [];
	page.on('request', (r) => {
		if (r.resourceType() === 'script' && /maplibre|MapCanvas/.test(r.url())) maplibre.push(r.url());
	});
	// MapLibre's stylesheet (its controls' rules) comes with the map, not with the page.
	const maplibreRules = () =>
		page.evaluate(
			() =>
				[...document.styleSheets].filter((sheet) =>
					[...sheet.cssRules].some((rule) => rule.cssText.startsWith('.maplibregl-ctrl'))
				).length
		);
	await page.goto(`/responses/${id}/returns`);
	const region = page.getByRole('region', { name: 'Map: Crossing points and destinations' });
	// Poipet's arrivals head to many provinces: the drawing shades them and names its legend.
	const drawing = region.getByRole('img', { name: 'Crossing points and destinations' });
	await expect(drawing).toBeVisible();
	await expect(drawing).toContainText('People heading to each province');
	expect(await drawing.locator('path').count()).toBeGreaterThanOrEqual(24);
	await expect(region.getByRole('button', { name: 'Interactive map' })).toBeVisible();
	await page.waitForLoadState('networkidle');
	expect(maplibre).toEqual([]);
	expect(await maplibreRules()).toBe(0);
	await expect(region.locator('canvas')).toHaveCount(0);

	await region.scrollIntoViewIfNeeded();
	await expect(region.locator('canvas.maplibregl-canvas')).toBeVisible();
	await expect(region).toHaveAttribute('aria-busy', 'false');
	expect(maplibre.length).toBeGreaterThan(0);
	expect(await maplibreRules()).toBe(1);
});
