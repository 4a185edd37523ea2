/**
 * An administrator's pages that change what others see: an organisation's edit page, and the
 * audit log's filters. Each test makes the organisation and the entries it looks for.
 */
import { expect, test } from '@playwright/test';
import { cambodiaToday, expectAccessible, open, signInAs, tag } from './helpers';

test('an admin edits an organisation; the list and the user form show the new name', async ({
	page
}) => {
	await signInAs(page, 'admin');
	const acronym = `ORG${tag()}`;
	await open(page, '/admin/organisations');
	await page.getByLabel('Name').fill('Records Relief');
	await page.getByLabel('Acronym').fill(acronym);
	await page.getByLabel('Type').selectOption('ngo');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByRole('status')).toContainText('Records Relief was created');

	await page.getByRole('link', { name: acronym, exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Records Relief' })).toBeVisible();
	await expect(page.getByLabel('Acronym')).toHaveValue(acronym);
	await expectAccessible(page);
	await page.getByLabel('Name').fill('');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
	await page.getByLabel('Name').fill('Records Relief and Recovery');
	await page.getByLabel('Type').selectOption('international_ngo');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page).toHaveURL(/\/admin\/organisations$/);
	const row = page.getByRole('row').filter({ hasText: acronym });
	await expect(row).toContainText('Records Relief and Recovery');

	await open(page, '/admin/users');
	await expect(
		page
			.getByLabel('Organisation')
			.locator('option', { hasText: `${acronym} – Records Relief and Recovery` })
	).toHaveCount(1);
});

test('the audit log shows only the entries its filters ask for', async ({ page }) => {
	await signInAs(page, 'admin');
	const acronym = `AUD${tag()}`;
	await open(page, '/admin/organisations');
	await page.getByLabel('Name').fill('Audited Aid');
	await page.getByLabel('Acronym').fill(acronym);
	await page.getByLabel('Type').selectOption('ngo');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByRole('status')).toContainText('Audited Aid was created');
	await page.getByRole('link', { name: acronym, exact: true }).click();
	await expect(page).toHaveURL(/\/admin\/organisations\/\d+$/);
	const id = new URL(page.url()).pathname.split('/').pop();
	await page.getByLabel('Name').fill('Audited Aid Renamed');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page).toHaveURL(/\/admin\/organisations$/);

	await open(page, '/admin/audit');
	await page.getByRole('combobox', { name: /^Action/ }).selectOption('update');
	await page.getByRole('combobox', { name: /^Record/ }).selectOption('organisations');
	await page.getByRole('combobox', { name: /^User/ }).selectOption({ label: 'Sokha Admin' });
	await page.getByRole('textbox', { name: 'From', exact: true }).fill(cambodiaToday());
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/action=update/);
	await expect(page).toHaveURL(/entity=organisations/);
	const rows = page.locator('tbody tr');
	// The log names the record by its number (or, once it names records so, by its acronym).
	const ours = rows.filter({ hasText: new RegExp(`#${id}(?!\\d)|${acronym}`) });
	await expect(ours).toHaveCount(1);
	// Every row is an admin's change of an organisation: the other entries are left out.
	for (const row of await rows.all()) {
		const cells = row.getByRole('cell');
		await expect(cells.nth(1)).toHaveText('Sokha Admin');
		await expect(cells.nth(2)).toHaveText('Changed');
		await expect(cells.nth(3)).toContainText(/organisation/i);
	}

	// Another action on the same entity: the creation, not the update.
	await page.getByRole('combobox', { name: /^Action/ }).selectOption('create');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/action=create/);
	await expect(ours).toHaveCount(1);
	await expect(ours.getByRole('cell').nth(2)).toHaveText('Created');

	// A day before anything was logged: nothing.
	await page.getByRole('textbox', { name: 'From', exact: true }).fill('2001-01-01');
	await page.getByRole('textbox', { name: 'To', exact: true }).fill('2001-01-02');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page.getByText('Nothing matches.')).toBeVisible();
});
