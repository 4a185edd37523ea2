/**
 * What the security audit found, as a person meets it in the browser: redirects after sign-in,
 * sign-in delays that cannot lock anyone out, ending other sessions, nothing cached after
 * signing out, the error page, headers, cookies, the driver's personal data, and the role an
 * admin gives a new account. Each test makes the accounts and records it needs.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createApp, makeWorld } from './support/app';
import {
	NEW_ACCOUNT_PASSWORD,
	newAccount,
	newResponse,
	open,
	publishedReport,
	signIn,
	signInAs,
	submitSignIn,
	switchTo,
	tag
} from './helpers';

const PASSWORD = NEW_ACCOUNT_PASSWORD;

test.describe('after signing in', () => {
	for (const target of ['/%5Cevil.example/x', '/%09/evil.example', '//evil.example/x']) {
		test(`redirectTo=${target} stays on this site`, async ({ page, baseURL }) => {
			await page.goto(`/login?redirectTo=${target}`);
			await page.locator('input[name="email"]').fill('viewer@demo.sahakar.org');
			await page.locator('input[name="password"]').fill('sahakar-demo');
			await page.getByRole('button', { name: 'Sign in' }).click();
			await expect(page).not.toHaveURL(/\/login/);
			expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
		});
	}

	test('a same-site redirectTo is followed', async ({ page }) => {
		await page.goto('/login?redirectTo=%2Fmap');
		await page.locator('input[name="email"]').fill('viewer@demo.sahakar.org');
		await page.locator('input[name="password"]').fill('sahakar-demo');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(/\/map$/);
	});

	test('the language switch never sends anyone to another host', async ({ request, baseURL }) => {
		for (const target of ['/\\evil.example/x', '/\t/evil.example', '//evil.example']) {
			const res = await request.post('/language', {
				form: { language: 'en', redirectTo: target },
				headers: { origin: baseURL! },
				maxRedirects: 0
			});
			expect(res.status()).toBe(303);
			expect(res.headers().location).toBe('/');
		}
	});
});

test('failed sign-ins slow the account down, but never keep out a browser it was used on', async ({
	browser,
	page
}) => {
	const email = await newAccount(browser);
	// The owner's usual browser signs in once, then out.
	const usual = await browser.newContext();
	const owner = await usual.newPage();
	await signIn(owner, email, PASSWORD);
	await owner.getByRole('button', { name: 'Sign out' }).click();

	// Someone else fails five times.
	const elsewhere = await browser.newContext();
	const stranger = await elsewhere.newPage();
	for (let i = 0; i < 5; i++) {
		await submitSignIn(stranger, email, `guess-${i}`);
		await expect(stranger.getByRole('alert')).toContainText('Email or password is wrong');
	}
	// A new browser is asked to wait, even with the right password, and told how long.
	await submitSignIn(stranger, email, PASSWORD);
	await expect(stranger.getByRole('alert')).toContainText(/Try again in (2\d|30) seconds/);

	// An administrator sees who is held back and clears it; the stranger's browser then gets in.
	await signInAs(page, 'admin');
	await page.goto('/admin/sign-in-locks');
	const row = page.locator('tr', { hasText: email });
	await expect(row).toContainText('Account');
	await expect(row.locator('td').nth(2)).toHaveText('5');
	await row.getByRole('button', { name: 'Clear' }).click();
	await expect(page.getByRole('status')).toContainText(`Cleared: ${email} may try again now.`);
	await expect(page.locator('tr', { hasText: email })).toHaveCount(0);
	await signIn(stranger, email, PASSWORD);
	await stranger.getByRole('button', { name: 'Sign out' }).click();

	// Failing again on purpose holds back new browsers, never the owner's usual one.
	const third = await browser.newContext();
	const another = await third.newPage();
	for (let i = 0; i < 5; i++) {
		// Each refusal is seen before the next try, so the right password comes after the fifth.
		await submitSignIn(another, email, `guess-${i}`);
		await expect(another.getByRole('alert')).toContainText('Email or password is wrong');
	}
	await submitSignIn(another, email, PASSWORD);
	await expect(another.getByRole('alert')).toContainText(/Try again in (2\d|30) seconds/);
	await signIn(owner, email, PASSWORD);
	await expect(owner.locator('header')).toContainText('UNDP');

	// The address's count goes too, so this file leaves no delay for the next.
	await page.reload();
	const clear = page.getByRole('button', { name: 'Clear' });
	for (let left = await clear.count(); left > 0; left--) {
		await clear.first().click();
		await expect(clear).toHaveCount(left - 1);
	}
	for (const c of [usual, elsewhere, third]) await c.close();
});

test('changing the password ends every other session, and the account page says so', async ({
	browser
}) => {
	const email = await newAccount(browser);
	const contexts = [await browser.newContext(), await browser.newContext()];
	const [here, there] = await Promise.all(contexts.map((c) => c.newPage()));
	await signIn(here, email, PASSWORD);
	await signIn(there, email, PASSWORD);

	await here.goto('/account');
	// A wrong current password changes nothing, and says so beside its field.
	await here.getByLabel('Current password').fill('not-the-password');
	await here.getByLabel('New password', { exact: true }).fill('another-long-secret');
	await here.getByLabel('Repeat the new password').fill('another-long-secret');
	await here.getByRole('button', { name: 'Change password' }).click();
	await expect(here.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
	await there.goto('/');
	await expect(there.locator('header')).toContainText('UNDP');

	await here.getByLabel('Current password').fill(PASSWORD);
	await here.getByLabel('New password', { exact: true }).fill('another-long-secret');
	await here.getByLabel('Repeat the new password').fill('another-long-secret');
	await here.getByRole('button', { name: 'Change password' }).click();
	await expect(here.getByRole('status')).toContainText(
		'Every other session of your account is now signed out (1)'
	);
	await expect(here.getByRole('status')).toContainText('API tokens keep working');

	await there.goto('/');
	await expect(there).toHaveURL(/\/login/);
	await here.goto('/');
	await expect(here.locator('header')).toContainText('UNDP');
	// The old password no longer opens the account; the new one does.
	await submitSignIn(there, email, PASSWORD);
	await expect(there.getByRole('alert')).toContainText('Email or password is wrong');
	await signIn(there, email, 'another-long-secret');
	await expect(there.locator('header')).toContainText('UNDP');
	for (const c of contexts) await c.close();
});

test('signed-in answers are private and never stored; Back after signing out shows no names', async ({
	page
}) => {
	await signInAs(page, 'coordinator');
	const res = await page.goto('/responses');
	expect(res?.headers()['cache-control']).toBe('private, no-store');
	const api = await page.request.get('/api/v1/responses');
	expect(api.headers()['cache-control']).toBe('private, no-store');

	await page.goto('/account');
	await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible();
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/login/);
	await page.goBack();
	await expect(page).toHaveURL(/\/login/);
	await expect(page.getByText('coordinator@demo.sahakar.org')).toHaveCount(0);
});

test.describe('the error page', () => {
	test('a missing page, signed out: styled, with a way back and to sign in, in Khmer too', async ({
		page
	}) => {
		const res = await page.goto('/no-such-page');
		expect(res?.status()).toBe(404);
		await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
		await page.getByRole('button', { name: 'Change language' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'km');
		await expect(page.getByRole('heading', { name: 'រកមិនឃើញទំព័រ' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'ទៅទំព័រដើម' })).toBeVisible();
		await page.getByRole('button', { name: 'ប្ដូរភាសា' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});

	test('a refused page, signed in: the app’s header and menu stay', async ({ page }) => {
		await signInAs(page, 'viewer');
		const res = await page.goto('/admin/users');
		expect(res?.status()).toBe(403);
		await expect(page.getByRole('heading', { name: 'You may not open this' })).toBeVisible();
		await expect(page.getByRole('navigation', { name: 'Main navigation' })).toContainText(
			'Responses'
		);
		await expect(page.locator('header')).toContainText('Viewer');
	});

	test('a revoked share link gets it too, telling nothing of the report', async ({
		page,
		browser
	}) => {
		// A report of its own: the demo's reports keep their share links.
		await signInAs(page, 'coordinator');
		const report = await publishedReport(page, await newResponse(page, `Shared ${tag()}`));
		await page.goto(report);
		await page.getByRole('button', { name: 'Create a share link' }).click();
		const url = await page.getByTestId('share-url').inputValue();
		const reader = await (await browser.newContext()).newPage();
		await reader.goto(url);
		await expect(reader.getByRole('heading', { name: 'Situation report no. 1' })).toBeVisible();
		// Revoke every link of the report, this one among them.
		while ((await page.getByRole('button', { name: 'Revoke' }).count()) > 0) {
			const before = await page.getByRole('button', { name: 'Revoke' }).count();
			await page.getByRole('button', { name: 'Revoke' }).first().click();
			await expect(page.getByRole('button', { name: 'Revoke' })).toHaveCount(before - 1);
		}
		const res = await reader.goto(url);
		expect(res?.status()).toBe(404);
		await expect(reader.getByRole('heading', { name: 'Page not found' })).toBeVisible();
		await expect(reader.getByText('Situation report')).toHaveCount(0);
		await reader.context().close();
	});
});

test('headers: a Content Security Policy with a nonce, and location only for the app itself', async ({
	page
}) => {
	const violations: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
	});
	const res = await page.goto('/login');
	const csp = res!.headers()['content-security-policy'];
	expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
	expect(csp).toContain("worker-src 'self' blob:");
	expect(csp).toContain("frame-ancestors 'none'");
	expect(csp).toContain("connect-src 'self'");
	expect(res!.headers()['permissions-policy']).toContain('geolocation=(self)');
	await signInAs(page, 'coordinator');
	await page.goto('/map');
	await page.getByRole('button', { name: 'Interactive map' }).click();
	await expect(page.locator('canvas.maplibregl-canvas').first()).toBeVisible();
	expect(violations).toEqual([]);
});

test('the session cookie is Secure except on localhost', async ({ page }) => {
	await page.goto('/login');
	await page.locator('input[name="email"]').fill('viewer@demo.sahakar.org');
	await page.locator('input[name="password"]').fill('sahakar-demo');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).not.toHaveURL(/\/login/);
	const local = (await page.context().cookies()).find((c) => c.name === 'sahakar_session');
	expect(local?.secure).toBe(false);

	// The same app published on a real host name, even over plain http.
	const app = createApp({ ORIGIN: 'http://sahakar.test' });
	try {
		const world = makeWorld(app.dbPath);
		await app.start();
		const res = await app.send({
			path: '/login',
			form: { email: world.people.viewer, password: world.password },
			headers: { origin: 'http://sahakar.test' }
		});
		expect(res.status).toBe(303);
		const cookies = [res.headers['set-cookie'] ?? []].flat();
		const session = cookies.find((c) => c.startsWith('sahakar_session='));
		expect(session).toMatch(/; Secure/i);
		expect(session).toMatch(/; HttpOnly/i);
		expect(cookies.find((c) => c.startsWith('sahakar_device='))).toMatch(/; Secure/i);
	} finally {
		await app.dispose();
	}
});

test('a manifest’s driver is personal data: others see the dispatching organisation’s contact', async ({
	page,
	browser
}) => {
	// A response of its own: this manifest is in none of the demo mass return's lists.
	await signInAs(page, 'coordinator');
	const id = await newResponse(page, `Driver ${tag()}`);
	await switchTo(page, 'field');
	await open(page, `/responses/${id}/returns/manifests/new`);
	await page.getByLabel('Plate').fill('BMC 2A-7777');
	await page.getByLabel('Driver', { exact: true }).fill('Chhay Vuthy');
	await page.getByLabel("Driver's phone").fill('012 555 777');
	await page.getByLabel('Destination province').selectOption('KH14');
	await page.getByLabel('Planned departure').fill('2014-06-26T08:00');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(/\/returns\/manifests\/\d+$/);
	const url = new URL(page.url()).pathname;
	await expect(page.locator('.details')).toContainText('Chhay Vuthy · 012 555 777');

	const other = await browser.newContext();
	const partner = await other.newPage();
	await signInAs(partner, 'partner');
	for (const path of [url, `${url}/print`]) {
		await partner.goto(path);
		await expect(partner.getByText('Chhay Vuthy')).toHaveCount(0);
		await expect(partner.getByText('012 555 777')).toHaveCount(0);
		await expect(partner.getByTestId('dispatcher-contact')).toContainText(
			'IOM · +855 23 900 100 · ops@iom.demo.sahakar.org'
		);
	}
	const api = (await (
		await partner.request.get(`/api/v1/returns/manifests/${url.split('/').pop()}`)
	).json()) as {
		data: Record<string, unknown>;
	};
	expect(api.data).toMatchObject({ driverName: null, driverPhone: null });
	await other.close();

	// Signed out, Back does not bring the driver back from any cache.
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/login/);
	await page.goBack();
	await expect(page).toHaveURL(/\/login/);
	await expect(page.getByText('Chhay Vuthy')).toHaveCount(0);
});

test('a new account has no role until one is chosen, and an administrator is confirmed', async ({
	page
}) => {
	const email = `sec-${randomUUID().slice(0, 8)}@example.org`;
	await signInAs(page, 'admin');
	await page.goto('/admin/users');
	await expect(page.getByLabel('Role')).toHaveValue('');
	await page.getByLabel('Name').fill('No Role Yet');
	await page.getByLabel('Email').fill(email);
	await page
		.getByLabel('Organisation')
		.selectOption({ label: 'UNDP – United Nations Development Programme' });
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(
		page.getByText('Choose a role: the account gets no rights until you do.')
	).toBeVisible();
	await expect(page.getByRole('cell', { name: email })).toHaveCount(0);

	await page.getByLabel('Role').selectOption('admin');
	const confirm = page.getByRole('checkbox', { name: /make this person an administrator/ });
	await expect(confirm).toBeVisible();
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(
		page.getByText('Tick the box to confirm that this person should be an administrator.')
	).toBeVisible();
	await expect(page.getByRole('cell', { name: email })).toHaveCount(0);

	await confirm.check();
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByTestId('password-link')).toBeVisible();
	await expect(page.locator('tr', { hasText: email })).toContainText('Administrator');
});
