import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signInAs } from './helpers';

async function floodId(page: Page): Promise<number> {
	const res = await page.request.get('/api/v1/responses');
	const { data } = (await res.json()) as { data: { id: number; kind: string }[] };
	return data.find((r) => r.kind === 'flood')!.id;
}

test('a coordinator writes, publishes, exports and shares a situation report', async ({
	page,
	browser
}) => {
	await signInAs(page, 'coordinator');
	const flood = await floodId(page);
	await page.goto(`/responses/${flood}/sitreps`);
	// The demo's reports: nos. 1 and 2 published, no. 3 a draft.
	await expect(page.getByRole('link', { name: /^Situation report no\. \d$/ })).toHaveCount(3);
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Start report no. 4' }).click();
	await expect(page.getByLabel('As of (Cambodia time)')).not.toHaveValue('');
	await page.getByLabel('Highlights').fill('Water receding in Battambang. ទឹកកំពុងស្រក។');
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${flood}/sitreps/4$`));
	await expect(page.getByRole('heading', { name: 'Situation report no. 4' })).toBeVisible();
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
	await page.getByLabel('Situation overview').fill('Flooding since 7 October.');
	const shelter = page.getByRole('group', { name: 'Shelter and NFI' });
	await shelter.getByLabel('Needs').fill('Tarpaulins for 2,000 households');
	await shelter.getByLabel('Response').fill('CRC distributed 800 kits');
	await shelter.getByLabel('Gaps').fill('1,200 households without shelter');
	await page.getByLabel('Contacts').fill('HRF secretariat, hrf@example.org');
	await page.getByLabel('Next report').fill('2020-11-06');
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page).toHaveURL(new RegExp(`/sitreps/4$`));
	await page.getByRole('button', { name: 'Publish' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();
	await expect(page.getByText('Figures frozen when published')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);

	// Each figure links to the assessments behind it.
	const source = page
		.getByTestId('figures-assessments')
		.getByRole('link', { name: 'Source' })
		.first();
	await expect(source).toHaveAttribute(
		'href',
		new RegExp(`^/responses/${flood}/assessments\\?to=\\d{4}-\\d{2}-\\d{2}`)
	);
	await expectAccessible(page);

	// Following a figure's source shows the assessments that add up to it.
	const affectedRow = page
		.getByTestId('figures-assessments')
		.getByRole('row', { name: /^People affected \d/ });
	const affected = await affectedRow.getByRole('cell').first().innerText();
	await affectedRow.getByRole('link', { name: 'Source' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${flood}/assessments\\?to=`));
	await expect(
		page.locator('.stat').filter({ hasText: 'Affected persons' }).locator('.value')
	).toHaveText(affected);
	await page.goBack();

	// Downloads.
	const pdf = await page.request.get(`/responses/${flood}/sitreps/4/sitrep.pdf`);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
	const docx = await page.request.get(`/responses/${flood}/sitreps/4/sitrep.docx`);
	expect(docx.headers()['content-disposition']).toContain('sitrep-4.docx');
	expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');

	// The print page: the report alone, with its map and chart drawn on the server.
	await page.goto(`/responses/${flood}/sitreps/4/print`);
	await expect(page.locator('svg title', { hasText: 'People affected by province' })).toHaveCount(
		1
	);
	await expect(page.getByRole('navigation')).toHaveCount(0);
	await page.goBack();

	// A share link opens the report for someone signed out, until it is revoked.
	await page.getByRole('button', { name: 'Create a share link' }).click();
	const url = await page.getByTestId('share-url').inputValue();
	expect(url).toMatch(/\/s\/[a-z2-7]{32}$/);
	const stranger = await browser.newContext();
	const outside = await stranger.newPage();
	await outside.goto(url);
	await expect(outside.getByRole('heading', { name: 'Situation report no. 4' })).toBeVisible();
	await expect(outside.getByText('Tarpaulins for 2,000 households')).toBeVisible();

	await page.getByRole('button', { name: 'Revoke' }).click();
	await expect(page.getByText(/^Revoked /)).toBeVisible();
	const gone = await outside.goto(url);
	expect(gone?.status()).toBe(404);
	await stranger.close();
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
