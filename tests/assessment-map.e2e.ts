import { expect, test, type Page } from '@playwright/test';
import { BASE_URL } from '../playwright.config';
import { expectAccessible, newResponse, signInAs, switchTo, tag } from './helpers';

test.use({ viewport: { width: 1280, height: 900 } });

/** The map's colours (the page's own): single points, and groups holding a likely duplicate. */
const POINT = [0x0b, 0x4f, 0x6c];

/**
 * What the map shows, read from a screenshot of it: how many pixels are the purple of a group
 * holding a likely duplicate (drawn a little transparent, so by hue), and where the single
 * points are (their blue, drawn opaque).
 */
async function seen(page: Page) {
	// The legend, over the map's corner, shows the same colours: left out of the picture.
	const shot = await page
		.getByTestId('assessment-map')
		.locator('.map-view')
		.screenshot({ style: '.legend-slot { visibility: hidden !important; }' });
	const png = shot.toString('base64');
	return page.evaluate(
		async ([png, [r0, g0, b0]]) => {
			const img = new Image();
			img.src = `data:image/png;base64,${png}`;
			await img.decode();
			const canvas = document.createElement('canvas');
			canvas.width = img.width;
			canvas.height = img.height;
			const ctx = canvas.getContext('2d')!;
			ctx.drawImage(img, 0, 0);
			const px = ctx.getImageData(0, 0, img.width, img.height).data;
			let purple = 0;
			let blue = 0;
			let x = 0;
			let y = 0;
			for (let i = 0; i < px.length; i += 4) {
				const [r, g, b] = [px[i], px[i + 1], px[i + 2]];
				if (r - g > 30 && b - g > 20) purple++;
				if (Math.abs(r - r0) + Math.abs(g - g0) + Math.abs(b - b0) < 12) {
					blue++;
					x += (i / 4) % img.width;
					y += Math.floor(i / 4 / img.width);
				}
			}
			return { purple, blue, x: blue ? x / blue : 0, y: blue ? y / blue : 0 };
		},
		[png, POINT] as const
	);
}

/**
 * A response of the test's own with five assessments near Battambang, two of them by different
 * organisations a few metres apart (so both are likely duplicates), and one alone in Kampot,
 * reached by boat only. Returns the response and the lone assessment's number.
 */
async function fiveAndOne(page: Page): Promise<{ responseId: number; lone: number }> {
	await signInAs(page, 'coordinator');
	const responseId = await newResponse(page, `Map points ${tag()}`, '2020-10-01');
	const post = async (lon: number, lat: number, village: string, access = 'road') => {
		const res = await page.request.post('/api/v1/assessments', {
			data: {
				id: crypto.randomUUID(),
				responseId,
				lon,
				lat,
				observedOn: '2020-10-20',
				villageName: village,
				access,
				waterState: 'safe',
				sanitationState: 'working',
				needs: ['food']
			}
		});
		expect(res.status()).toBe(201);
		return ((await res.json()) as { data: { seq: number } }).data;
	};
	for (let i = 0; i < 4; i++) await post(103.2 + i * 0.002, 13.1, `Near ${i}`);
	const lone = await post(104.18, 10.62, 'Alone', 'boat_only');
	// Another organisation's team, the same day, 40 m from the first: a likely duplicate.
	await switchTo(page, 'partner');
	await post(103.2004, 13.1001, 'Near again');
	await switchTo(page, 'coordinator');
	return { responseId, lone: lone.seq };
}

async function startMap(page: Page, button: string) {
	const map = page.getByTestId('assessment-map');
	// First the server's drawing, assessments by province, and no MapLibre.
	await expect(map.locator('svg[role="img"] path').first()).toBeVisible();
	await expect(map.locator('canvas')).toHaveCount(0);
	await expect(map).toHaveAttribute('data-state', 'waiting');
	await map.getByRole('button', { name: button }).click();
	await expect(map).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
}

test('the assessment map opens as the server’s drawing; on demand it clusters the points, and a point opens its assessment', async ({
	page
}) => {
	const { responseId, lone } = await fiveAndOne(page);
	await page.goto(`/responses/${responseId}/assessments/map`);
	await expect(page.getByText('6 assessments on the map')).toBeVisible();
	const drawing = page.getByTestId('assessment-map').locator('svg[role="img"]');
	await expect(drawing.locator('title')).toHaveText('Assessment map');
	await expect(drawing).toContainText('Assessments');
	await startMap(page, 'Interactive map');

	// The five near Battambang are one group, in the colour of a group holding a duplicate; the
	// one in Kampot is a point of its own.
	let view = await seen(page);
	await expect
		.poll(async () => (view = await seen(page)).purple, { timeout: 15_000 })
		.toBeGreaterThan(50);
	expect(view.blue).toBeGreaterThan(10);
	const box = (await page.getByTestId('assessment-map').locator('.map-view').boundingBox())!;
	await page.mouse.click(box.x + view.x, box.y + view.y);
	await expect(page).toHaveURL(new RegExp(`/responses/${responseId}/assessments/${lone}$`));
	await expect(page.getByText('Alone')).toBeVisible();
});

test('the map’s filters change its points and its drawing', async ({ page }) => {
	const { responseId } = await fiveAndOne(page);
	await page.goto(`/responses/${responseId}/assessments/map?access=boat_only`);
	await expect(page.getByText('1 assessments on the map')).toBeVisible();
	await startMap(page, 'Interactive map');
	// Only the one in Kampot: a point, and no group.
	await expect.poll(async () => (await seen(page)).blue, { timeout: 15_000 }).toBeGreaterThan(10);
	expect((await seen(page)).purple).toBe(0);
	await page.goto(`/responses/${responseId}/assessments/map?from=2020-10-21`);
	await expect(page.getByText('0 assessments on the map')).toBeVisible();
	await startMap(page, 'Interactive map');
	expect(await seen(page)).toMatchObject({ purple: 0, blue: 0 });
});

test('the assessment map in Khmer: its drawing, its button and its count', async ({ page }) => {
	const { responseId } = await fiveAndOne(page);
	await page.context().addCookies([{ name: 'sahakar_lang', value: 'km', url: BASE_URL }]);
	await page.goto(`/responses/${responseId}/assessments/map`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'km');
	await expect(page.getByRole('heading', { name: 'ផែនទីការវាយតម្លៃ' })).toBeVisible();
	await expect(page.getByText('ការវាយតម្លៃ ៦ នៅលើផែនទី')).toBeVisible();
	await expect(page.getByTestId('assessment-map').locator('svg[role="img"] title')).toHaveText(
		'ផែនទីការវាយតម្លៃ'
	);
	await expectAccessible(page);
	await startMap(page, 'ផែនទីអន្តរកម្ម');
	await expect.poll(async () => (await seen(page)).purple, { timeout: 15_000 }).toBeGreaterThan(50);
	await expectAccessible(page);
});
