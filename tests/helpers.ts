import { expect, type Browser, type BrowserContext, type Page, type Route } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const DEMO_PASSWORD = 'sahakar-demo';

export type DemoRole = 'admin' | 'coordinator' | 'field' | 'partner' | 'partner2' | 'viewer';

export const demoEmail = (role: DemoRole) => `${role}@demo.sahakar.org`;

/** Fills and sends the sign-in form, whatever the outcome. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
	await page.goto('/login');
	await page.locator('input[name="email"]').fill(email);
	await page.locator('input[name="password"]').fill(password);
	await page.getByRole('button', { name: /^(Sign in|ចូលប្រើ)$/ }).click();
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await submitSignIn(page, email, password);
	await expect(page).not.toHaveURL(/\/login/);
}

export const signInAs = (page: Page, role: DemoRole) => signIn(page, demoEmail(role));

/** No serious or critical accessibility violation on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(
		bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
	).toEqual([]);
}

/** The demo's response of this kind (the seed makes one flood and one mass return). */
export async function responseId(page: Page, kind: 'flood' | 'mass_return'): Promise<number> {
	const res = await page.request.get('/api/v1/responses');
	const { data } = (await res.json()) as { data: { id: number; kind: string }[] };
	const found = data.find((r) => r.kind === kind);
	if (!found) throw new Error(`no ${kind} response in the demo`);
	return found.id;
}

export const floodId = (page: Page) => responseId(page, 'flood');
export const massReturnId = (page: Page) => responseId(page, 'mass_return');

/** Opens a page and waits until its scripts have run, so typing is not undone by hydration. */
export async function open(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.waitForLoadState('networkidle');
}

/** The password of the accounts tests make with `newAccount`. */
export const NEW_ACCOUNT_PASSWORD = 'a-long-test-secret';

/**
 * An account of the test's own at UNDP, made by the demo admin, with its password set through
 * its link: what the test changes on it (its language, its sessions, disabling it) touches none
 * of the shared demo accounts. Returns its email, which its row in the users list shows.
 */
export async function newAccount(
	browser: Browser,
	role: 'viewer' | 'partner' | 'coordinator' = 'viewer'
): Promise<string> {
	const email = `e2e-${crypto.randomUUID().slice(0, 8)}@example.org`;
	const context = await browser.newContext();
	const admin = await context.newPage();
	await signInAs(admin, 'admin');
	await admin.goto('/admin/users');
	await admin.getByLabel('Name').fill(`Person ${email}`);
	await admin.getByLabel('Email').fill(email);
	await admin.getByLabel('Role').selectOption(role);
	await admin
		.getByLabel('Organisation')
		.selectOption({ label: 'UNDP – United Nations Development Programme' });
	await admin.getByRole('button', { name: 'Create' }).click();
	const link = (await admin.getByTestId('password-link').textContent())!;
	await admin.getByRole('button', { name: 'Sign out' }).click();
	await admin.goto(link);
	await admin.getByLabel('New password', { exact: true }).fill(NEW_ACCOUNT_PASSWORD);
	await admin.getByLabel('Repeat the new password').fill(NEW_ACCOUNT_PASSWORD);
	await admin.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(admin.locator('header')).toContainText('UNDP');
	await admin.getByRole('button', { name: 'Sign out' }).click();
	await context.close();
	return email;
}

/** Signs the page's context out and in again as another demo account. */
export async function switchTo(page: Page, role: DemoRole): Promise<void> {
	await page.context().clearCookies();
	await signInAs(page, role);
}

/** Today in Cambodia, as YYYY-MM-DD. */
export const cambodiaToday = () =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Phnom_Penh' }).format(new Date());

/**
 * No network for the pages nor for the service worker: besides the context's offline switch,
 * whatever the worker itself fetches is cut too, in case the switch reaches it late.
 */
const cutWorker = (route: Route) =>
	route.request().serviceWorker() ? route.abort('internetdisconnected') : route.fallback();

export async function goOffline(context: BrowserContext): Promise<void> {
	await context.setOffline(true);
	await context.route('**/*', cutWorker);
}

export async function goOnline(context: BrowserContext): Promise<void> {
	await context.unroute('**/*', cutWorker);
	await context.setOffline(false);
}

/**
 * A response of the test's own, made by the signed-in coordinator (or admin): a storm, so tests
 * that look up the demo's flood or mass return never find it, and so nothing a test writes moves
 * the demo's figures that other tests read exactly. Returns its id.
 */
export async function newResponse(
	page: Page,
	name: string,
	startDate = '2014-06-01',
	endDate?: string
) {
	await open(page, '/responses/new');
	await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
	await page.getByLabel('Kind').selectOption('storm');
	await page.getByLabel('Start date').fill(startDate);
	if (endDate) await page.getByLabel('End date').fill(endDate);
	await page.getByLabel('Battambang').check();
	// Every area, whatever a storm uses by default: tests count arrivals and fill manifests in it.
	for (const area of ['Returns', 'Shelter', 'Rapid assessments'])
		await page.getByRole('checkbox', { name: area }).check();
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(/\/responses\/\d+$/);
	return Number(new URL(page.url()).pathname.split('/').pop());
}

/**
 * A response of the test's own, made by the coordinator, with the field account signed in after:
 * what the test writes (manifests, counts) moves none of the demo's lists and figures.
 */
export async function ownResponse(page: Page, name: string): Promise<number> {
	await signInAs(page, 'coordinator');
	const id = await newResponse(page, `${name} ${tag()}`);
	await switchTo(page, 'field');
	return id;
}

/** A unique tag for what a test makes, so its rows are told apart from every other test's. */
export const tag = () => `${Date.now() % 1_000_000}${Math.floor(Math.random() * 1000)}`;

/** A manifest of the test's own, with these passengers by name; returns its page's path. */
export async function newManifest(
	page: Page,
	response: number,
	{ plate, province, names }: { plate: string; province: string; names: string[] }
): Promise<string> {
	await open(page, `/responses/${response}/returns/manifests/new`);
	await page.getByLabel('Plate').fill(plate);
	await page.getByLabel('Seats').fill('4');
	await page.getByLabel('Destination province').selectOption(province);
	await page.getByLabel('Planned departure').fill('2014-06-26T08:00');
	await page.getByLabel('Passengers').selectOption('named');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(/\/returns\/manifests\/\d+$/);
	const path = new URL(page.url()).pathname;
	for (const name of names) {
		await page.getByLabel('Name', { exact: true }).fill(name);
		await page.getByLabel('Age', { exact: true }).fill('30');
		await page.getByLabel('Age', { exact: true }).press('Enter');
		await expect(page.getByTestId('passengers')).toContainText(name);
	}
	return path;
}

/** The open manifest page's vehicle boards and leaves, at times after its planned departure. */
export async function departManifest(page: Page): Promise<void> {
	await page.getByLabel('When').fill('2014-06-26T07:30');
	await page.getByRole('button', { name: 'Start boarding' }).click();
	await expect(page.getByTestId('manifest-status')).toHaveText('Boarding');
	await page.getByLabel('When').fill('2014-06-26T08:15');
	await page.getByRole('button', { name: 'Departed' }).click();
	await expect(page.getByTestId('manifest-status')).toHaveText('Departed');
}

/** A shelter site of the test's own, managed by IOM (the field account's organisation), in
 *  Battambang; the signed-in coordinator makes it. Returns its page's path. */
export async function newSite(
	page: Page,
	response: number,
	name: string,
	{ capacity = '80', area = '200' } = {}
): Promise<string> {
	await open(page, `/responses/${response}/shelter/sites/new`);
	await page.getByLabel('Name (English)').fill(name);
	await page.getByLabel('Name (Khmer)').fill('វត្តសាកល្បង');
	await page.getByLabel('Managing organisation').selectOption({ label: 'IOM' });
	await page.getByLabel('Latitude').fill('13.1');
	await page.getByLabel('Longitude').fill('103.2');
	await page.getByLabel('Capacity (persons)').fill(capacity);
	await page.getByLabel('Covered living area (m²)').fill(area);
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	return new URL(page.url()).pathname;
}

/**
 * A site of the test's own (`newSite`, room for 200 persons) with two counts sent through the
 * API: 60 persons on 12 October 2020, then 900 on the 14th (over its capacity). Returns its
 * page's URL, where the browser is left.
 */
export async function siteWithTwoCounts(page: Page, response: number, name: string) {
	await newSite(page, response, name, { capacity: '200', area: '900' });
	const siteUrl = page.url();
	const siteId = siteUrl.split('/').pop();
	for (const [asOf, f] of [
		['2020-10-12T08:00:00+07:00', 60],
		['2020-10-14T08:00:00+07:00', 900]
	] as const) {
		const res = await page.request.post(`/api/v1/shelter/sites/${siteId}/population`, {
			data: { id: crypto.randomUUID(), asOf, f_18_59: f }
		});
		expect(res.status()).toBe(201);
	}
	return siteUrl;
}

/**
 * A situation report of the response, written in full and published by the signed-in
 * coordinator, as of the 26 June 2014 unless told; returns its page's path.
 */
export async function publishedReport(
	page: Page,
	response: number,
	asOf = '2014-06-26T18:00'
): Promise<string> {
	await open(page, `/responses/${response}/sitreps/new`);
	await page.getByLabel('As of (Cambodia time)').fill(asOf);
	await page.getByLabel('Highlights').fill('Arrivals continue.');
	await page.getByLabel('Situation overview').fill('People cross every day.');
	const protection = page.getByRole('group', { name: 'Protection' });
	await protection.getByLabel('Needs').fill('Screening');
	await protection.getByLabel('Response').fill('Two desks');
	await protection.getByLabel('Gaps').fill('None');
	await page.getByLabel('Contacts').fill('hrf@example.org');
	await page.getByLabel('Next report').fill(asOf.slice(0, 10));
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${response}/sitreps/\\d+$`));
	page.once('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Publish' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();
	return new URL(page.url()).pathname;
}
