import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import {
	DEMO_PASSWORD,
	expectAccessible,
	floodId,
	goOffline,
	goOnline,
	newResponse,
	signInAs,
	switchTo,
	tag
} from './helpers';

/** Phone first: the field form is tested at a phone's width. */
test.use({ viewport: { width: 390, height: 844 } });

/** The villages of the server's records of a response, in order. */
async function villagesOf(page: Page, responseId: number) {
	const res = await page.request.get(`/api/v1/assessments?responseId=${responseId}&limit=1000`);
	expect(res.status()).toBe(200);
	const { data } = (await res.json()) as { data: { id: string; villageName: string | null }[] };
	return data.map((r) => r.villageName).sort();
}

/**
 * A response of the test's own, made by the coordinator, with the field account signed in
 * after: the assessments it sends move none of the demo flood's figures, and are all it holds.
 */
async function ownResponse(page: Page, name: string): Promise<number> {
	await signInAs(page, 'coordinator');
	const id = await newResponse(page, `${name} ${tag()}`, '2020-10-01');
	await switchTo(page, 'field');
	return id;
}

async function fillAssessment(page: Page, village: string) {
	await page.getByLabel('Latitude').fill('13.0952');
	await page.getByLabel('Longitude').fill('103.2021');
	await page.getByLabel('Village').fill(village);
	await page.getByLabel('Households', { exact: true }).fill('30');
	await page.getByLabel('Female, 18–59', { exact: true }).fill('40');
	await page.getByLabel('Male, 18–59', { exact: true }).fill('35');
	await page.getByLabel('Displaced households').fill('5');
	await page.getByLabel('Displaced persons').fill('20');
	await page.getByLabel('By boat only').check();
	await page.getByLabel('Contaminated').check();
	await page.getByLabel('Latrines flooded').check();
	await page.getByLabel('Priority 1').selectOption('water');
	await page.getByLabel('Priority 2').selectOption('shelter');
}

async function saveThreeOffline(
	page: Page,
	context: BrowserContext,
	responseId: number,
	prefix: string
) {
	await page.goto(`/responses/${responseId}/assessments/new`);
	// The service worker has kept the form and the outbox for offline use.
	await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
	await goOffline(context);
	for (let i = 1; i <= 3; i++) {
		await fillAssessment(page, `${prefix} ${i}`);
		await page.getByRole('button', { name: 'Save to outbox' }).click();
		await expect(page.getByTestId('outbox-waiting')).toHaveText(`${i} waiting to be sent`);
		await expect(
			page.getByRole('status').filter({ hasText: 'Saved on this device' })
		).toBeVisible();
		await expect(page.getByLabel('Village')).toHaveValue('');
	}
	// Reloaded with no network: the page comes from the device, the three still wait.
	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expect(page.getByTestId('outbox-waiting')).toHaveText('3 waiting to be sent');
	await page.getByRole('link', { name: 'Open the outbox' }).click();
	await expect(page.getByTestId('outbox-items').locator('li')).toHaveCount(3);
	await expect(page.getByTestId('item-error').first()).toContainText('No connection');
}

test('three assessments saved offline are sent exactly once when the network returns', async ({
	page,
	context
}) => {
	const responseId = await ownResponse(page, 'Offline');
	const prefix = 'Offline';
	await saveThreeOffline(page, context, responseId, prefix);

	// The outbox sends its queue as one batch, and reads each record's own answer in it.
	const posts: { records?: unknown[] }[] = [];
	page.on('request', (req) => {
		if (req.method() === 'POST' && req.url().endsWith('/api/v1/assessments'))
			posts.push(req.postDataJSON());
	});
	const answered = page.waitForResponse(
		(res) => res.request().method() === 'POST' && res.url().endsWith('/api/v1/assessments')
	);
	await goOnline(context);
	const answer = (await (await answered).json()) as { results?: { status: number }[] };
	expect(answer.results?.map((r) => r.status)).toEqual([201, 201, 201]);
	await expect(page.getByTestId('outbox-empty')).toBeVisible({ timeout: 30_000 });
	expect(await villagesOf(page, responseId)).toEqual([1, 2, 3].map((i) => `${prefix} ${i}`));
	expect(posts.map((p) => p.records?.length)).toEqual([3]);
});

test('a server error on the way is retried, and still makes exactly three records', async ({
	page,
	context
}) => {
	const responseId = await ownResponse(page, 'Retried');
	const prefix = 'Retried';
	await saveThreeOffline(page, context, responseId, prefix);

	let failed = 0;
	await context.route('**/api/v1/assessments', async (route) => {
		if (route.request().method() === 'POST' && failed === 0) {
			failed += 1;
			await route.fulfill({ status: 500, body: 'Internal Error' });
		} else {
			await route.continue();
		}
	});
	await goOnline(context);
	await expect(page.getByTestId('item-error').first()).toContainText('server had a problem');
	await expect(page.getByTestId('outbox-empty')).toBeVisible({ timeout: 30_000 });
	expect(failed).toBe(1);
	expect(await villagesOf(page, responseId)).toEqual([1, 2, 3].map((i) => `${prefix} ${i}`));
});

test('an expired session keeps the outbox; after signing in again it is sent', async ({
	page,
	context
}) => {
	const responseId = await ownResponse(page, 'Expired');
	const prefix = 'Expired';
	await page.goto(`/responses/${responseId}/assessments/new`);
	await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
	await goOffline(context);
	await fillAssessment(page, `${prefix} 1`);
	await page.getByRole('button', { name: 'Save to outbox' }).click();
	await expect(page.getByTestId('outbox-waiting')).toBeVisible();

	await context.clearCookies();
	await goOnline(context);
	await expect(page.getByRole('alert').filter({ hasText: 'session has ended' })).toBeVisible({
		timeout: 30_000
	});
	await expect(page.getByTestId('outbox-waiting')).toHaveText('1 waiting to be sent');
	await page.getByRole('link', { name: 'Sign in again' }).click();
	await expect(page).toHaveURL(/\/login\?redirectTo=/);
	await page.locator('input[name="email"]').fill('field@demo.sahakar.org');
	await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/assessments\/new/);
	await expect(page.getByTestId('outbox-empty')).toBeVisible({ timeout: 30_000 });
	expect(await villagesOf(page, responseId)).toEqual([`${prefix} 1`]);
});

test('bad input is refused at its field on the phone, and nothing is saved', async ({ page }) => {
	await signInAs(page, 'field');
	const responseId = await floodId(page);
	await page.goto(`/responses/${responseId}/assessments/new`);
	await fillAssessment(page, 'Wrong');
	await page.getByLabel('Latitude').fill('13.75');
	await page.getByLabel('Longitude').fill('100.5');
	await page.getByLabel('Displaced households').fill('50');
	await page.getByLabel('Deaths').fill('-1');
	await page.getByLabel('Date observed').fill('2099-01-01');
	await page.getByRole('button', { name: 'Save to outbox' }).click();
	await expect(
		page.getByRole('alert').filter({ hasText: 'outside Cambodia' }).first()
	).toBeVisible();
	await expect(page.getByText('50 is more than the total of 30.')).toBeVisible();
	await expect(page.getByText('Cannot be negative.')).toBeVisible();
	await expect(page.getByText(/^This date is in the future: today is/)).toBeVisible();
	await expect(page.getByTestId('outbox-empty')).toBeVisible();
	await expectAccessible(page);
});

test('the same id posted ten times at once makes one record', async ({ page }) => {
	const responseId = await ownResponse(page, 'Concurrent');
	const body = {
		id: crypto.randomUUID(),
		responseId,
		lon: 103.2,
		lat: 13.1,
		observedOn: '2020-10-20',
		villageName: 'Concurrent',
		access: 'road',
		waterState: 'safe',
		sanitationState: 'working',
		needs: ['food']
	};
	const answers = await Promise.all(
		Array.from({ length: 10 }, () => page.request.post('/api/v1/assessments', { data: body }))
	);
	expect(answers.map((a) => a.status()).sort()).toEqual([...Array(9).fill(200), 201]);
	expect(await villagesOf(page, responseId)).toEqual(['Concurrent']);
	const changed = await page.request.post('/api/v1/assessments', { data: { ...body, deaths: 2 } });
	expect(changed.status()).toBe(409);
});

test('coordinators see totals, the needs ranking and likely duplicates to review', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await signInAs(page, 'coordinator');
	const responseId = await floodId(page);
	await page.goto(`/responses/${responseId}/assessments`);
	await expect(page.getByRole('heading', { name: 'Totals by province' })).toBeVisible();
	await expect(page.getByRole('row', { name: /Battambang/ }).first()).toBeVisible();
	await expect(page.getByTestId('needs-ranking').locator('tbody tr')).toHaveCount(9);
	await expectAccessible(page);

	// Two teams assess the same place on the same day, in a response of the test's own (marking
	// one a duplicate changes the counts): the two are flagged together.
	const own = await newResponse(page, `Duplicates ${tag()}`, '2020-10-01');
	const visit = (villageName: string) => ({
		id: crypto.randomUUID(),
		responseId: own,
		lon: 103.2,
		lat: 13.1,
		observedOn: '2020-10-20',
		villageName,
		access: 'road',
		waterState: 'safe',
		sanitationState: 'working',
		needs: ['food']
	});
	const posted = await page.request.post('/api/v1/assessments', { data: visit('Phum Muoy') });
	expect(posted.status()).toBe(201);
	const field = await page.context().browser()!.newContext();
	const fieldPage = await field.newPage();
	await signInAs(fieldPage, 'field');
	const again = await fieldPage.request.post('/api/v1/assessments', { data: visit('Phum Pi') });
	expect(again.status()).toBe(201);
	await field.close();

	await page.goto(`/responses/${own}/assessments`);
	await expect(page.getByTestId('stat-assessments')).toHaveText('2');
	await page.getByLabel('Likely duplicates only').check();
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/flagged=on/);
	// Each is listed, flagged with the other.
	await expect(page.getByTestId('assessment-list').locator('tbody tr')).toHaveCount(2);
	await page.getByTestId('assessment-list').locator('tbody tr a').first().click();
	await expect(page.getByRole('heading', { name: 'Likely duplicates' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: /Mark as duplicate/ }).click();
	await expect(page.getByRole('status')).toContainText('Review saved');
	await expect(page.locator('.page-header .badge')).toHaveText('Duplicate');

	await page.goto(`/responses/${own}/assessments`);
	await expect(page.getByTestId('stat-assessments')).toHaveText('1');
});

test('the outbox and the form pass the accessibility check', async ({ page }) => {
	await signInAs(page, 'partner');
	const responseId = await floodId(page);
	await page.goto(`/responses/${responseId}/assessments/outbox`);
	await expect(page.getByTestId('outbox-empty')).toBeVisible();
	await expectAccessible(page);
	await page.goto(`/responses/${responseId}/assessments/new`);
	await expectAccessible(page);
});

test('after one signed-in visit, the form opens offline even after the browser is closed', async ({
	baseURL
}, testInfo) => {
	const profile = mkdtempSync(join(tmpdir(), 'sahakar-profile-'));
	const launch = testInfo.project.use.launchOptions!;
	const open = (offline: boolean) =>
		chromium.launchPersistentContext(profile, {
			executablePath: launch.executablePath,
			args: launch.args,
			baseURL,
			offline,
			viewport: { width: 390, height: 844 }
		});
	try {
		let browser = await open(false);
		let page = browser.pages()[0] ?? (await browser.newPage());
		await signInAs(page, 'field');
		const responseId = await floodId(page);
		await page.goto(`/responses/${responseId}/assessments/new`);
		await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
		await browser.close();

		browser = await open(true);
		await goOffline(browser);
		page = browser.pages()[0] ?? (await browser.newPage());
		await page.goto(`/responses/${responseId}/assessments/new`);
		await expect(page.getByRole('heading', { name: 'Rapid assessment' })).toBeVisible();
		await fillAssessment(page, 'Reopened');
		await page.getByRole('button', { name: 'Save to outbox' }).click();
		await expect(page.getByTestId('outbox-waiting')).toHaveText('1 waiting to be sent');
		// A page never kept says so, in both languages, and points to those that work.
		await page.goto('/');
		await expect(page.getByRole('heading', { name: /You are offline/ })).toBeVisible();
		await expect(page.getByRole('link', { name: /Rapid assessment/ })).toBeVisible();
		await browser.close();
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
});

/** The same assessment as `fillAssessment`, by the fields' names: the same in either language. */
async function fillByName(page: Page, village: string) {
	const set = (name: string, value: string) => page.locator(`[name="${name}"]`).fill(value);
	await set('lat', '13.0952');
	await set('lon', '103.2021');
	await set('villageName', village);
	await set('affectedHouseholds', '30');
	await set('affected_f_18_59', '40');
	await set('affected_m_18_59', '35');
	await page.locator('input[name="access"][value="boat_only"]').check();
	await page.locator('input[name="waterState"][value="contaminated"]').check();
	await page.locator('input[name="sanitationState"][value="flooded"]').check();
	await page.locator('select[name="needs-1"]').selectOption('water');
}

const OFFLINE_WORDS = {
	en: {
		save: 'Save to outbox',
		waiting: ['1 waiting to be sent', '2 waiting to be sent'],
		open: 'Open the outbox',
		new: 'New assessment',
		outbox: 'Outbox'
	},
	km: {
		save: 'រក្សាទុកក្នុងប្រអប់ចេញ',
		waiting: ['១ កំពុងរង់ចាំបញ្ជូន', '២ កំពុងរង់ចាំបញ្ជូន'],
		open: 'បើកប្រអប់ចេញ',
		new: 'ការវាយតម្លៃថ្មី',
		outbox: 'ប្រអប់ចេញ'
	}
} as const;

for (const lang of ['en', 'km'] as const) {
	test(`offline, the form and the outbox open from each other's links in place, and another page says it is offline (${lang})`, async ({
		page,
		context,
		baseURL
	}) => {
		const words = OFFLINE_WORDS[lang];
		const responseId = await ownResponse(page, `Offline links ${lang}`);
		await context.addCookies([{ name: 'sahakar_lang', value: lang, url: baseURL! }]);
		await page.goto(`/responses/${responseId}/assessments/new`);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
		await goOffline(context);

		await fillByName(page, `Links ${lang}`);
		await page.getByRole('button', { name: words.save }).click();
		await expect(page.getByTestId('outbox-waiting')).toHaveText(words.waiting[0]);

		// The router asks the server which page a link opens; offline the service worker answers
		// for the pages it keeps, so the page changes in place (this document stays).
		await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
		const stayed = () => page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed);
		await page.getByRole('link', { name: words.open }).click();
		await expect(page).toHaveURL(`/responses/${responseId}/assessments/outbox`);
		await expect(page.getByRole('heading', { name: words.outbox, level: 1 })).toBeVisible();
		await expect(page.getByTestId('outbox-items').locator('li')).toHaveCount(1);
		expect(await stayed()).toBe(true);

		await page.getByRole('link', { name: words.new, exact: true }).click();
		await expect(page).toHaveURL(`/responses/${responseId}/assessments/new`);
		await expect(page.getByTestId('outbox-waiting')).toHaveText(words.waiting[0]);
		await fillByName(page, `Links ${lang} 2`);
		await page.getByRole('button', { name: words.save }).click();
		await expect(page.getByTestId('outbox-waiting')).toHaveText(words.waiting[1]);
		expect(await stayed()).toBe(true);

		// A page not kept: the browser goes to it, and the worker's page says so, in both languages.
		// (The response's overview, linked from the menu, which a phone's width may fold away.)
		await page.evaluate((href) => {
			document.querySelector<HTMLAnchorElement>(`a[href="${href}"]`)?.click();
		}, `/responses/${responseId}`);
		await expect(
			page.getByRole('heading', { name: /You are offline · អ្នកកំពុងនៅក្រៅបណ្ដាញ/ })
		).toBeVisible();
		await goOnline(context);
	});
}

test('the map clusters every counted assessment and becomes idle', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await signInAs(page, 'viewer');
	const responseId = await floodId(page);
	await page.goto(`/responses/${responseId}/assessments/map`);
	await page.getByRole('button', { name: 'Interactive map' }).click();
	await expect(page.getByTestId('assessment-map')).toHaveAttribute('data-state', 'ready', {
		timeout: 30_000
	});
	const res = await page.request.get(`/api/v1/assessments/points?responseId=${responseId}`);
	const { count } = (await res.json()) as { count: number };
	expect(count).toBeGreaterThan(300);
	await expect(page.getByText(`${count} assessments on the map`)).toBeVisible();
	await expectAccessible(page);
});

test('reloaded with no network, the form says it works offline and still checks before saving, in Khmer', async ({
	page,
	context
}) => {
	// Khmer chosen on the sign-in page: the field account's saved language stays as it is.
	await page.goto('/login');
	await page.getByRole('button', { name: 'Change language' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'km');
	await signInAs(page, 'field');
	const responseId = await floodId(page);
	await page.goto(`/responses/${responseId}/assessments/new`);
	await expect(page.getByTestId('offline-ready')).toHaveText(
		'ទម្រង់នេះដំណើរការក្រៅបណ្ដាញនៅលើឧបករណ៍នេះ។',
		{ timeout: 30_000 }
	);

	await goOffline(context);
	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	// What the device kept still works: no warning that it cannot keep it.
	await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByText('កម្មវិធីរុករកនេះមិនអាចរក្សាទម្រង់សម្រាប់ប្រើក្រៅបណ្ដាញបានទេ។')).toHaveCount(0);

	// The domain's own rules, beside their fields, in the user's language, before the outbox.
	await page.getByLabel('ស្លាប់', { exact: true }).fill('-1');
	await page.getByRole('button', { name: 'រក្សាទុកក្នុងប្រអប់ចេញ' }).click();
	await expect(page.getByLabel('ស្លាប់', { exact: true })).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText('មិនអាចជាលេខអវិជ្ជមានទេ។')).toBeVisible();
	await expect(page.getByTestId('outbox-empty')).toBeVisible();
	await goOnline(context);
});

for (const lang of ['en', 'km'] as const) {
	test(`offline, the form still names the point's province, from the shapes kept with it (${lang})`, async ({
		page,
		context
	}) => {
		await signInAs(page, 'field');
		if (lang === 'km') {
			await context.addCookies([{ name: 'sahakar_lang', value: 'km', url: page.url() }]);
		}
		const responseId = await floodId(page);
		// The shapes are not in the page (it stays small on a phone): fetched when a point is entered.
		const pageData = await page.request.get(`/responses/${responseId}/assessments/new/__data.json`);
		expect(await pageData.text()).not.toContain('"geometry"');
		await page.goto(`/responses/${responseId}/assessments/new`);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });

		await goOffline(context);
		const reloaded = await page.reload();
		expect(reloaded?.fromServiceWorker()).toBe(true);
		await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
		// A point in Battambang, the area chosen Pursat: the form says they disagree.
		await page.locator('[name="lat"]').fill('13.0952');
		await page.locator('[name="lon"]').fill('103.2021');
		await page.locator('fieldset.pcode select').first().selectOption('KH15');
		await expect(page.getByTestId('area-point-warning')).toContainText('(KH02)');
		await expect(page.getByTestId('area-point-warning')).toContainText('(KH15)');
		await page.locator('fieldset.pcode select').first().selectOption('KH02');
		await expect(page.getByTestId('area-point-warning')).toHaveCount(0);
		await goOnline(context);
	});
}

test('the browser keeps the map points and downloads them again only when they change', async ({
	page
}) => {
	await signInAs(page, 'coordinator');
	// A response of its own (a storm), so the flood's figures stay as seeded.
	const responseId = await newResponse(page, `Storm points ${tag()}`, '2020-10-01');
	const url = `/api/v1/assessments/points?responseId=${responseId}`;
	const first = await page.request.get(url);
	expect(first.headers()['cache-control']).toBe('private, no-cache');
	const etag = first.headers()['etag'];
	expect((await first.json()).count).toBe(0);
	const unchanged = await page.request.get(url, { headers: { 'if-none-match': etag } });
	expect(unchanged.status()).toBe(304);

	const posted = await page.request.post('/api/v1/assessments', {
		data: {
			id: crypto.randomUUID(),
			responseId,
			lon: 103.2,
			lat: 13.1,
			observedOn: '2020-10-20',
			villageName: 'Storm point',
			access: 'road',
			waterState: 'safe',
			sanitationState: 'working',
			needs: ['food']
		}
	});
	expect(posted.status()).toBe(201);
	const changed = await page.request.get(url, { headers: { 'if-none-match': etag } });
	expect(changed.status()).toBe(200);
	expect(changed.headers()['etag']).not.toBe(etag);
	expect((await changed.json()).count).toBe(1);
});

test('a second visit to the map reads its points from the browser without asking the server, until they change', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await signInAs(page, 'coordinator');
	const responseId = await newResponse(page, `Storm visits ${tag()}`, '2020-10-01');
	const submit = async (village: string, lon: number) => {
		const posted = await page.request.post('/api/v1/assessments', {
			data: {
				id: crypto.randomUUID(),
				responseId,
				lon,
				lat: 13.1,
				observedOn: '2020-10-20',
				villageName: village,
				access: 'road',
				waterState: 'safe',
				sanitationState: 'working',
				needs: ['food']
			}
		});
		expect(posted.status()).toBe(201);
	};
	/** Opens the map; the bytes its points took over the network (0: the browser's own copy). */
	const visit = async (count: number) => {
		await page.goto(`/responses/${responseId}/assessments/map`);
		await page.getByRole('button', { name: 'Interactive map' }).click();
		const map = page.getByTestId('assessment-map');
		await expect(map).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
		await expect(page.getByText(`${count} assessments on the map`)).toBeVisible();
		const [entry] = await page.evaluate(() =>
			performance
				.getEntriesByType('resource')
				.filter((e) => e.name.includes('/api/v1/assessments/points'))
				.map((e) => {
					const r = e as PerformanceResourceTiming;
					return { transferred: r.transferSize, body: r.decodedBodySize };
				})
		);
		expect(entry.body).toBeGreaterThan(0);
		return entry.transferred;
	};

	await submit('First visit', 103.2);
	expect(await visit(1)).toBeGreaterThan(0);
	// Nothing changed: not even a 304's headers cross the network.
	expect(await visit(1)).toBe(0);
	// A new assessment is a new version: the map shows it on the next visit.
	await submit('Second visit', 104.1);
	expect(await visit(2)).toBeGreaterThan(0);
	expect(await visit(2)).toBe(0);
});
