import { expect, test } from '@playwright/test';
import { demoEmail, DEMO_PASSWORD, signInAs } from './helpers';

test('Khmer chosen on the sign-in page stays after signing in to an English account', async ({
	page
}) => {
	await page.goto('/login');
	await page.getByRole('button', { name: 'Change language' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'km');
	// The partner's account says English.
	await page.locator('input[name="email"]').fill(demoEmail('partner2'));
	await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'ចូលប្រើ' }).click();
	await expect(page).not.toHaveURL(/\/login/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'km');
	await expect(page.getByRole('button', { name: 'ចាកចេញ' })).toBeVisible();
});

test('an invitation opens in the language the admin chose for the person', async ({
	page,
	browser
}) => {
	await signInAs(page, 'admin');
	await page.goto('/admin/users');
	const email = `sreyneang.${Date.now()}@crc.example.org`;
	await page.getByLabel('Name').fill('Sreyneang CRC');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Role').selectOption('partner');
	await page.getByLabel('Organisation').selectOption({ index: 1 });
	await page.getByLabel('Language', { exact: true }).selectOption('km');
	await page.getByRole('button', { name: 'Create' }).click();
	const link = await page.getByTestId('password-link').textContent();

	const context = await browser.newContext();
	const invited = await context.newPage();
	await invited.goto(link!);
	await expect(invited.locator('html')).toHaveAttribute('lang', 'km');
	await expect(invited.getByRole('heading', { name: 'កំណត់ពាក្យសម្ងាត់របស់អ្នក' })).toBeVisible();
	await context.close();
});

test('the audit log and the API scopes read in Khmer', async ({ page }) => {
	// Chosen on the sign-in page: the admin account's saved language stays English.
	await page.goto('/login');
	await page.getByRole('button', { name: 'Change language' }).click();
	await signInAs(page, 'admin');
	await page.goto('/admin/audit?action=sign_in');
	await expect(page.getByRole('option', { name: 'បានចូលប្រើ' })).toHaveCount(1);
	await expect(page.locator('tbody .badge').first()).toHaveText('បានចូលប្រើ');
	await page.goto('/account');
	await expect(page.getByRole('checkbox', { name: 'សរសេរ (បញ្ជូនកំណត់ត្រា)' })).toBeVisible();
});
