import { expect, test } from '@playwright/test';
import {
	demoEmail,
	expectAccessible,
	NEW_ACCOUNT_PASSWORD,
	newAccount,
	open,
	signIn,
	signInAs,
	submitSignIn,
	type DemoRole
} from './helpers';

test('healthz answers 200 with JSON when the database is migrated, naming the engine and nothing else', async ({
	request
}) => {
	const res = await request.get('/healthz');
	expect(res.status()).toBe(200);
	expect(await res.json()).toEqual({ status: 'ok', engine: 'sqlite' });
});

for (const role of [
	'admin',
	'coordinator',
	'field',
	'partner',
	'partner2',
	'viewer'
] as DemoRole[]) {
	test(`the ${role} demo account signs in and sees its role`, async ({ page }) => {
		await signInAs(page, role);
		await expect(page.locator('header')).toContainText(
			{
				admin: 'Administrator',
				coordinator: 'Coordinator',
				field: 'Field team',
				partner: 'Partner',
				partner2: 'Partner',
				viewer: 'Viewer'
			}[role]
		);
	});
}

test('a wrong password and an unknown email get the same message', async ({ page }) => {
	await submitSignIn(page, demoEmail('viewer'), 'wrong-password');
	const wrongPassword = await page.getByRole('alert').textContent();
	await submitSignIn(page, 'nobody@example.org', 'whatever-it-is');
	const unknown = await page.getByRole('alert').textContent();
	expect(wrongPassword).toContain('Email or password is wrong');
	expect(unknown).toBe(wrongPassword);
});

test('a guarded page is refused to the wrong role', async ({ page }) => {
	await signInAs(page, 'viewer');
	const res = await page.goto('/admin/users');
	expect(res?.status()).toBe(403);
	await expect(page.locator('body')).toContainText('Your role does not allow this page');
});

test('the whole UI switches to Khmer and back, and the choice is remembered', async ({
	page,
	browser
}) => {
	// An account of its own: the account remembers the choice, and no demo account is changed.
	const email = await newAccount(browser);
	await signIn(page, email, NEW_ACCOUNT_PASSWORD);
	await page.getByRole('button', { name: 'Change language' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'km');
	await expect(page.locator('nav')).toContainText('ទំព័រដើម');
	await expect(page.getByRole('button', { name: 'ចាកចេញ' })).toBeVisible();

	// The account remembers it: a fresh browser signs in straight into Khmer.
	const other = await browser.newContext();
	const second = await other.newPage();
	await signIn(second, email, NEW_ACCOUNT_PASSWORD);
	await expect(second.locator('html')).toHaveAttribute('lang', 'km');
	await other.close();

	await page.getByRole('button', { name: 'ប្ដូរភាសា' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.locator('nav')).toContainText('Home');
});

test('an admin creates an organisation and a user, who sets a password and signs in with that role', async ({
	page,
	browser
}) => {
	await signInAs(page, 'admin');
	await open(page, '/admin/organisations');
	await page.getByLabel('Name').fill('Danish Refugee Council');
	await page.getByLabel('Acronym').fill('DRC');
	await page.getByLabel('Type').selectOption('international_ngo');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByRole('status')).toContainText('Danish Refugee Council was created');
	await expect(page.getByRole('cell', { name: 'DRC', exact: true })).toBeVisible();

	await open(page, '/admin/users');
	await page.getByLabel('Name').fill('Chanthou DRC');
	await page.getByLabel('Email').fill('chanthou@drc.example.org');
	await page.getByLabel('Role').selectOption('partner');
	await page.getByLabel('Organisation').selectOption({ label: 'DRC – Danish Refugee Council' });
	await page.getByRole('button', { name: 'Create' }).click();
	const link = await page.getByTestId('password-link').textContent();
	expect(link).toMatch(/\/set-password\/\w+$/);

	const context = await browser.newContext();
	const newcomer = await context.newPage();
	await newcomer.goto(link!);
	await newcomer.getByLabel('New password', { exact: true }).fill('a-long-new-secret');
	await newcomer.getByLabel('Repeat the new password').fill('a-long-new-secret');
	await newcomer.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(newcomer.locator('header')).toContainText('DRC · Partner');

	// The link works once only.
	await newcomer.goto(link!);
	await expect(newcomer.getByRole('alert')).toContainText('not valid any more');

	await newcomer.goto('/');
	await newcomer.getByRole('button', { name: 'Sign out' }).click();
	await signIn(newcomer, 'chanthou@drc.example.org', 'a-long-new-secret');
	await expect(newcomer.locator('header')).toContainText('Chanthou DRC');
	await context.close();
});

test('disabling a user ends their session at once', async ({ page, browser }) => {
	// An account of its own: the demo's partners keep their sessions and stay enabled.
	const email = await newAccount(browser, 'partner');
	const context = await browser.newContext();
	const victim = await context.newPage();
	await signIn(victim, email, NEW_ACCOUNT_PASSWORD);

	await signInAs(page, 'admin');
	await page.goto('/admin/users');
	await page.getByRole('link', { name: `Person ${email}` }).click();
	await page.getByRole('button', { name: 'Disable account' }).click();
	await expect(page.getByText('Disabled since')).toBeVisible();

	await victim.goto('/');
	await expect(victim).toHaveURL(/\/login/);
	await submitSignIn(victim, email, NEW_ACCOUNT_PASSWORD);
	await expect(victim.getByRole('alert')).toContainText('Email or password is wrong');

	await page.getByRole('button', { name: 'Enable account' }).click();
	await expect(page.getByRole('button', { name: 'Disable account' })).toBeVisible();
	await context.close();
});

test('the sign-in page has no serious accessibility violations', async ({ page }) => {
	await page.goto('/login');
	await expectAccessible(page);
});

// One test per page: a slow page fails alone, with its name, within its own time limit.
for (const path of [
	'/',
	'/responses',
	'/responses/1',
	'/responses/1/edit',
	'/responses/new',
	'/account',
	'/admin/organisations',
	'/admin/users',
	'/admin/users/1',
	'/admin/audit'
]) {
	test(`${path} has no serious accessibility violations`, async ({ page }) => {
		await signInAs(page, 'admin');
		await page.goto(path);
		await expectAccessible(page);
	});
}
