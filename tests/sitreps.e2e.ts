import { expect, test } from '@playwright/test';
import { expectAccessible, floodId, newResponse, open, responseId, signInAs, tag } from './helpers';

test('a coordinator writes, publishes, exports and shares a mass return’s situation report', async ({
	page,
	browser
}) => {
	await signInAs(page, 'coordinator');
	const ret = await responseId(page, 'mass_return');
	await page.goto(`/responses/${ret}/sitreps`);
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Start report no. 1' }).click();
	await expect(page.getByLabel('As of (Cambodia time)')).not.toHaveValue('');
	// As of the height of the return, so the figures are those of its second week.
	await page.getByLabel('As of (Cambodia time)').fill('2014-06-16T18:00');
	await page.getByLabel('Period from').fill('2014-06-10');
	await page.getByLabel('Period to').fill('2014-06-16');
	await page.getByLabel('Highlights').fill('Arrivals peak at Poipet. ការវិលត្រឡប់កើនឡើង។');
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${ret}/sitreps/1$`));
	await expect(page.getByRole('heading', { name: 'Situation report no. 1' })).toBeVisible();
	await expect(page.getByText('Live figures')).toBeVisible();

	// Publishing the unfinished draft is refused, naming what is missing.
	page.on('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Publish' }).click();
	const refusal = page.getByRole('alert');
	await expect(refusal).toContainText('Cannot publish yet');
	for (const part of [
		'Situation overview',
		"At least one sector's needs, response and gaps",
		'Contacts',
		'Next report'
	]) {
		await expect(refusal).toContainText(part);
	}
	await expect(refusal).not.toContainText('Highlights');

	await page.getByRole('link', { name: 'Edit' }).click();
	await page.getByLabel('Situation overview').fill('More than 200,000 returned in two weeks.');
	const protection = page.getByRole('group', { name: 'Protection' });
	await protection.getByLabel('Needs').fill('Screening for trafficking');
	await protection.getByLabel('Response').fill('Two desks at Poipet');
	await protection.getByLabel('Gaps').fill("None at O'Smach");
	await page.getByLabel('Contacts').fill('HRF secretariat, hrf@example.org');
	await page.getByLabel('Next report').fill('2014-06-18');
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page).toHaveURL(new RegExp(`/sitreps/1$`));
	await page.getByRole('button', { name: 'Publish' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();
	await expect(page.getByText('Figures frozen when published')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);

	// The return's figures, not an assessments section of zeros.
	const figures = page.getByTestId('figures-returns');
	await expect(figures).toContainText('Returnees who crossed to date');
	await expect(figures).toContainText('Unaccompanied children');
	await expect(figures).toContainText('Referred for health care');
	await expect(page.getByTestId('figures-assessments')).toHaveCount(0);
	await expect(page.getByTestId('breakdown-returns.by-point-day')).toContainText('16 Jun 2014');
	await expect(page.getByTestId('breakdown-returns.by-destination')).toContainText('Dispatched');
	await expect(
		page.locator('svg title', { hasText: 'Returnees by destination province' })
	).toHaveCount(1);
	await expectAccessible(page);

	// The figure's source, the arrivals dashboard as of the same day, shows the same number.
	const crossedRow = figures.getByRole('row', { name: /^Returnees who crossed to date/ });
	const crossed = await crossedRow.getByRole('cell').first().innerText();
	await crossedRow.getByRole('link', { name: 'Source' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${ret}/returns\\?to=2014-06-16`));
	await expect(page.getByTestId('arrivals-total')).toHaveText(crossed);
	await page.goBack();

	// Downloads: the PDF and the DOCX hold the same figures.
	const pdf = await page.request.get(`/responses/${ret}/sitreps/1/sitrep.pdf`);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
	const docx = await page.request.get(`/responses/${ret}/sitreps/1/sitrep.docx`);
	expect(docx.headers()['content-disposition']).toContain(
		'filename="sitrep-mass-return-from-thailand-june-2014-1-2014-06-16.docx"'
	);
	expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');

	// The print page: the report alone, with its map and chart drawn on the server.
	await page.goto(`/responses/${ret}/sitreps/1/print`);
	await expect(
		page.locator('svg title', { hasText: 'Returnees by crossing point and day' })
	).toHaveCount(1);
	await expect(page.getByRole('navigation')).toHaveCount(0);
	await page.goBack();

	// A share link opens the report for someone signed out, until it is revoked.
	await page.getByRole('button', { name: 'Create a share link' }).click();
	const url = await page.getByTestId('share-url').inputValue();
	expect(url).toMatch(/\/s\/[a-z2-7]{32}$/);
	const stranger = await browser.newContext();
	const outside = await stranger.newPage();
	await outside.goto(url);
	await expect(outside.getByRole('heading', { name: 'Situation report no. 1' })).toBeVisible();
	await expect(outside.getByText('Screening for trafficking')).toBeVisible();

	await page.getByRole('button', { name: 'Revoke' }).click();
	await expect(page.getByText(/^Revoked /)).toBeVisible();
	const gone = await outside.goto(url);
	expect(gone?.status()).toBe(404);
	await stranger.close();
});

test('a flood’s report links its figures to the assessments behind them', async ({ page }) => {
	await signInAs(page, 'coordinator');
	const flood = await floodId(page);
	await page.goto(`/responses/${flood}/sitreps/2`);
	const source = page
		.getByTestId('figures-assessments')
		.getByRole('link', { name: 'Source' })
		.first();
	await expect(source).toHaveAttribute(
		'href',
		new RegExp(`^/responses/${flood}/assessments\\?to=\\d{4}-\\d{2}-\\d{2}`)
	);
	await expect(page.locator('svg title', { hasText: 'People affected by province' })).toHaveCount(
		1
	);
	const affectedRow = page
		.getByTestId('figures-assessments')
		.getByRole('row', { name: /^People affected \d/ });
	const affected = await affectedRow.getByRole('cell').first().innerText();
	await affectedRow.getByRole('link', { name: 'Source' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${flood}/assessments\\?to=`));
	await expect(
		page.locator('.stat').filter({ hasText: 'Affected persons' }).locator('.value')
	).toHaveText(affected);
});

test('a partner reads published reports but not drafts', async ({ page }) => {
	await signInAs(page, 'partner');
	const flood = await floodId(page);
	await page.goto(`/responses/${flood}/sitreps`);
	await expect(page.getByRole('link', { name: 'Situation report no. 1' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Situation report no. 3' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: /^Start report/ })).toHaveCount(0);
	const draft = await page.goto(`/responses/${flood}/sitreps/3`);
	expect(draft?.status()).toBe(404);
});

test('numbers reach partners in order: one draft at a time, which can be deleted', async ({
	page
}) => {
	// A response of its own: the demo's draft, which partners must not see, stays.
	await signInAs(page, 'coordinator');
	const own = await newResponse(page, `Sitrep numbers ${tag()}`, '2020-10-01');
	await open(page, `/responses/${own}/sitreps/new`);
	await page.getByLabel('As of (Cambodia time)').fill('2020-10-16T18:00');
	await page.getByLabel('Period from').fill('2020-10-10');
	await page.getByLabel('Period to').fill('2020-10-16');
	await page.getByLabel('Highlights').fill('Water receding.');
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${own}/sitreps/1$`));

	await page.goto(`/responses/${own}/sitreps`);
	const reports = page.getByRole('link', { name: /^Situation report no\. \d$/ });
	await expect(reports).toHaveCount(1);
	await expect(page.getByTestId('draft-open')).toContainText(
		'Report no. 1 is a draft: publish or delete it before starting the next one.'
	);
	await expect(page.getByRole('link', { name: /^Start report/ })).toHaveCount(0);
	await page.goto(`/responses/${own}/sitreps/new`);
	await expect(page.getByTestId('draft-open')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Save draft' })).toHaveCount(0);

	await page.getByRole('link', { name: 'Open report no. 1' }).click();
	page.on('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Delete draft' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${own}/sitreps$`));
	await expect(reports).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Start report no. 1' })).toBeVisible();
});
