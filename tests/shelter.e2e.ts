import { expect, test } from '@playwright/test';
import {
	expectAccessible,
	newResponse,
	newSite,
	open,
	signInAs,
	siteWithTwoCounts,
	switchTo,
	tag
} from './helpers';

const DONOR = `E2E donor ${Date.now()}`;

test('a partner reports, the coordinator returns, the partner fixes, the coordinator validates; the matrix and map show it', async ({
	page
}) => {
	// A response of its own: the demo flood's 4W figures stay as seeded, and this one's are exact.
	await signInAs(page, 'coordinator');
	const flood = await newResponse(page, `4W review ${tag()}`, '2020-10-01');
	await switchTo(page, 'partner');
	await open(page, `/responses/${flood}/shelter/activities/new`);
	await page
		.getByRole('combobox', { name: 'Activity', exact: true })
		.selectOption('nfi_distribution');
	await page.getByLabel('Donor').fill(DONOR);
	await page.getByLabel('Province').selectOption('KH02');
	await page.getByLabel('District').selectOption('KH0201');
	await page.getByLabel('Start date').fill('2020-10-20');
	await page.getByLabel('Households targeted').fill('50');
	await page.getByLabel('Households reached').fill('60');
	await page.locator('#people-targeted_f_18_59').fill('120');
	await page.locator('#people-targeted_m_18_59').fill('100');
	await page.locator('#people-reached_f_18_59').fill('110');
	await page.locator('#people-reached_m_18_59').fill('90');
	await page.getByRole('button', { name: 'Add a line' }).click();
	await page
		.locator('select[name="items.0.catalogueId"]')
		.selectOption({ label: 'TARP · Tarpaulin 4 × 6 m (piece)' });
	await page.locator('input[name="items.0.quantity"]').fill('100');

	// More reached than targeted and no note: refused, with the reason at the field.
	await page.getByRole('button', { name: 'Save and submit for review' }).click();
	await expect(page.getByText('More reached than targeted: explain in the note.')).toBeVisible();
	// The browser says so as the field is left; the server's answer comes after and puts back
	// the values it was sent, so the fix is typed only once that answer is on the page.
	await expect(page.getByText('Please correct the fields marked below.')).toBeVisible();
	await page.getByLabel('Households reached').fill('45');
	await page.getByRole('button', { name: 'Save and submit for review' }).click();
	await expect(page).toHaveURL(/\/shelter\/activities\/\d+$/);
	await expect(page.getByTestId('review-state')).toHaveText('Submitted');
	const url = page.url();
	const id = Number(url.split('/').pop());

	await switchTo(page, 'coordinator');
	await open(page, url);
	await page.getByLabel("Coordinator's comment").first().fill('Please add the commune.');
	await page.getByRole('button', { name: 'Return to the partner' }).click();
	await expect(page.getByTestId('review-state')).toHaveText('Returned');

	await switchTo(page, 'partner');
	await open(page, url);
	await expect(page.getByTestId('review-comment')).toContainText('Please add the commune.');
	await page.getByLabel('Commune').selectOption('KH020101');
	await page.getByRole('button', { name: 'Save and submit for review' }).click();
	await expect(page.getByTestId('review-state')).toHaveText('Submitted');
	// Submitted: the partner can no longer change it.
	await expect(page.getByRole('button', { name: 'Save and submit for review' })).toHaveCount(0);

	await switchTo(page, 'coordinator');
	await open(page, url);
	await page.getByRole('button', { name: 'Validate' }).click();
	await expect(page.getByTestId('review-state')).toHaveText('Validated');
	await expect(page.getByTestId('reached-hh')).toHaveText('45');

	// A viewer sees it in the matrix, counted in the totals and on the map.
	await switchTo(page, 'viewer');
	await open(page, `/responses/${flood}/shelter/activities?area=KH020101&month=2020-10`);
	const row = page.getByTestId('matrix').locator(`a[href$="/activities/${id}"]`);
	await expect(row).toBeVisible();
	const totals = await page.request.get(
		`/api/v1/shelter/activities?responseId=${flood}&area=KH020101&month=2020-10&limit=1000`
	);
	const body = (await totals.json()) as {
		data: { id: number; reachedHouseholds: number }[];
		totals: { reachedHouseholds: number };
	};
	// The one row in this response: the totals are exactly its figures.
	expect(body.data.map((r) => [r.id, r.reachedHouseholds])).toEqual([[id, 45]]);
	expect(body.totals.reachedHouseholds).toBe(45);
	await expect(page.getByTestId('total-reached-hh')).toHaveText('45');
	await expect(page.getByTestId('reached-map')).toHaveAttribute('data-areas', /KH02/);
	await expectAccessible(page);
});

test('a field team updates a site population; a coordinator registers a site; gaps and the catalogue show the picture', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	// A response and a site of its own, so the flood's people in sites stay as seeded.
	await signInAs(page, 'coordinator');
	const flood = await newResponse(page, `Sites ${tag()}`, '2020-10-01');
	const siteName = `IOM school ${tag()}`;
	await newSite(page, flood, siteName);
	await switchTo(page, 'field');
	await open(page, `/responses/${flood}/shelter?status=open`);
	await expect(page.getByTestId('site-map')).toBeVisible();
	const sites = page.getByTestId('site-list').locator('tbody tr');
	await expect(sites).toHaveCount(1);
	// A site IOM manages: the field team may report its population.
	const iomSite = sites.filter({ hasText: 'IOM' });
	await expect(iomSite.getByRole('link')).toHaveText(siteName);
	await iomSite.getByRole('link').click();
	await expect(page.getByRole('heading', { name: 'Report the population' })).toBeVisible();
	// The site's own page shows its point, on a map of the land around it.
	const siteMap = page.getByRole('region', { name: `Map: ${siteName} and the land around it` });
	await siteMap.getByRole('button', { name: 'Interactive map' }).click();
	await expect(siteMap).toHaveAttribute('aria-busy', 'false');
	await expect(siteMap.locator('canvas')).toBeVisible();
	const counts = page.getByTestId('population-history').locator('tbody tr[data-count]');
	await expect(counts).toHaveCount(0);
	await page.getByLabel('As of').fill('2020-11-30T08:00');
	await page.getByLabel('Households', { exact: true }).fill('30');
	await page.locator('#people-f_18_59').fill('70');
	await page.locator('#people-m_18_59').fill('60');
	await page.getByRole('button', { name: 'Save the count' }).click();
	await expect(page.getByText('Saved. The latest count is the current occupancy.')).toBeVisible();
	await expect(page.getByTestId('site-persons')).toHaveText('130');
	await expect(counts).toHaveCount(1);
	await expectAccessible(page);

	await switchTo(page, 'coordinator');
	await open(page, `/responses/${flood}/shelter/sites/new`);
	await page.getByLabel('Name (English)').fill('E2E pagoda');
	await page.getByLabel('Name (Khmer)').fill('វត្តសាកល្បង');
	await page.getByLabel('Latitude').fill('13.1');
	await page.getByLabel('Longitude').fill('103.2');
	await page.getByLabel('Capacity (persons)').fill('0');
	await page.getByLabel('Covered living area (m²)').fill('200');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByText('Must be more than zero.')).toBeVisible();
	await page.getByLabel('Capacity (persons)').fill('80');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByRole('heading', { name: 'E2E pagoda' })).toBeVisible();
	await expect(page.getByText('KH02', { exact: false }).first()).toBeVisible();

	await open(page, `/responses/${flood}/shelter/gaps?level=province`);
	await expect(page.getByTestId('gaps-people')).toContainText('Battambang');
	await expect(page.getByTestId('gaps-nfi')).toContainText('TARP');
	await open(page, '/shelter/catalogue');
	await expect(page.getByTestId('catalogue')).toContainText('FAMILYKIT');
	await expectAccessible(page);
});

test('the 4W table fits a 1366 px screen, an open-ended row reads "from", and its review page shows the people by sex and age and the area by name', async ({
	page
}) => {
	await page.setViewportSize({ width: 1366, height: 900 });
	// A response of the test's own, so the demo flood's 4W rows and figures stay as seeded.
	await signInAs(page, 'coordinator');
	const response = `/responses/${await newResponse(page, `4W storm ${tag()}`, '2020-10-01')}`;

	await switchTo(page, 'partner');
	await open(page, `${response}/shelter/activities/new`);
	await page
		.getByRole('combobox', { name: 'Activity', exact: true })
		.selectOption('nfi_distribution');
	await page.getByLabel('Province').selectOption('KH02');
	await page.getByLabel('District').selectOption('KH0201');
	await page.getByLabel('Start date').fill('2020-11-24');
	await page.getByLabel('Households targeted').fill('50');
	await page.getByLabel('Households reached').fill('40');
	await page.locator('#people-targeted_f_18_59').fill('120');
	await page.locator('#people-targeted_m_60').fill('7');
	await page.locator('#people-reached_f_0_5').fill('9');
	await page.locator('#people-reached_m_18_59').fill('90');
	await page.getByRole('button', { name: 'Save and submit for review' }).click();
	await expect(page).toHaveURL(/\/shelter\/activities\/\d+$/);
	const url = page.url();

	await switchTo(page, 'coordinator');
	await open(page, url);
	await expect(page.getByTestId('activity-where')).toHaveText('Banan (KH0201)');
	const people = page.getByRole('region', { name: 'People by sex and age' });
	const row = (name: string) => people.getByRole('row', { name });
	await expect(row('Persons targeted Female')).toContainText('120');
	await expect(people.getByRole('row').nth(2)).toHaveText(/Male\s*0\s*0\s*0\s*7\s*7/);
	await expect(people.getByRole('row').nth(3)).toHaveText(
		/Persons reached\s*Female\s*9\s*0\s*0\s*0\s*9/
	);
	await expect(people.getByRole('row').nth(4)).toHaveText(/Male\s*0\s*0\s*90\s*0\s*90/);
	await expectAccessible(page);

	await open(page, `${response}/shelter/activities?reviewState=all`);
	const matrix = page.getByTestId('matrix');
	await expect(matrix.getByRole('row').nth(1)).toContainText('from 24 Nov 2020');
	await expect(matrix).not.toContainText('– –');
	const wrap = page.getByRole('region', { name: '4W activities' });
	const fits = await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth);
	expect(fits, 'the 4W table scrolls sideways at 1366 px').toBe(true);
	const review = await matrix.getByRole('columnheader', { name: 'Review' }).boundingBox();
	expect(review!.x + review!.width).toBeLessThanOrEqual(1366);
	await expectAccessible(page);
});

test('a site page fetches the correction form only when a count is corrected; it saves, and a retraction saves without JavaScript', async ({
	page,
	browser
}) => {
	await signInAs(page, 'coordinator');
	const own = await newResponse(page, `Correction on demand ${tag()}`, '2020-10-01');
	const siteUrl = await siteWithTwoCounts(page, own, `E2E on-demand school ${tag()}`);

	// The site as it opens: its scripts hold the new count's form, not the correction's.
	const scripts: Promise<string>[] = [];
	page.on('response', (res) => {
		if (res.request().resourceType() === 'script') scripts.push(res.text());
	});
	await open(page, siteUrl);
	await expect(page.getByTestId('site-persons')).toHaveText('900');
	const opened = await Promise.all(scripts);
	expect(opened.some((s) => s.includes('Save the count'))).toBe(true);
	expect(opened.some((s) => s.includes('Save the correction'))).toBe(false);

	// Opened from its row, the correction form comes and saves as before.
	const history = page.getByTestId('population-history');
	await history.locator('tbody tr').first().getByRole('link', { name: 'Correct' }).click();
	await expect(page.getByRole('heading', { name: /^Correct the count of/ })).toBeVisible();
	await page.getByLabel('Reason').fill('Typed 900 for 90');
	await page.locator('#people-f_18_59').fill('90');
	await page.getByRole('button', { name: 'Save the correction' }).click();
	await expect(page.getByText('Correction saved. It replaces the earlier count.')).toBeVisible();
	await expect(page.getByTestId('site-persons')).toHaveText('90');

	// Without JavaScript the server draws the retraction form, and posting it retracts the count.
	const plain = await browser.newContext({
		javaScriptEnabled: false,
		storageState: await page.context().storageState()
	});
	const noJs = await plain.newPage();
	await noJs.goto(siteUrl);
	await noJs
		.getByTestId('population-history')
		.locator('tbody tr')
		.first()
		.getByRole('link', { name: 'Retract' })
		.click();
	await expect(noJs.getByRole('heading', { name: /^Retract the count of/ })).toBeVisible();
	await noJs.getByLabel('Reason').fill('It was 900 after all');
	await noJs.getByRole('button', { name: 'Retract the count' }).click();
	await expect(noJs.getByText('Count retracted.')).toBeVisible();
	await expect(noJs.getByTestId('site-persons')).toHaveText('900');
	await plain.close();
});
