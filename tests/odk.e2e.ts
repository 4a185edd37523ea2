import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectAccessible, newResponse, signInAs, tag } from './helpers';

const require = createRequire(import.meta.url);
const webForms = dirname(require.resolve('@getodk/web-forms'));
const vue = join(dirname(require.resolve('vue/package.json')), 'dist', 'vue.esm-browser.prod.js');
const harness = new URL('./odk-harness/', import.meta.url).pathname;

// The app's service worker would answer the test's /__odk/ pages itself; Collect has none.
test.use({ serviceWorkers: 'block' });

const basic = (user: string, token: string) =>
	`Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
const FIELD = 'field@demo.sahakar.org';

/** A write token for ODK Collect, made as a field team member makes it on the account page. */
async function collectToken(page: Page): Promise<string> {
	await signInAs(page, 'field');
	await page.goto('/account');
	await page.getByRole('button', { name: 'Create a token and QR code for ODK Collect' }).click();
	const token = (await page.getByTestId('collect-token').textContent())!.trim();
	expect(token).toMatch(/^sk_/);
	return token;
}

/** A response's form as ODK Collect finds it: the form list, then the download URL. */
async function formOf(request: APIRequestContext, auth: string, response: string) {
	const list = await request.get('/formList', {
		headers: { authorization: auth, 'X-OpenRosa-Version': '1.0' }
	});
	expect(list.status()).toBe(200);
	expect(list.headers()['x-openrosa-version']).toBe('1.0');
	const xml = await list.text();
	const entry = [...xml.matchAll(/<xform>(.*?)<\/xform>/gs)]
		.map((m) => m[1])
		.find((e) => e.includes(response));
	const url = /<downloadUrl>(.*?)<\/downloadUrl>/.exec(entry!)![1];
	const formId = /<formID>(.*?)<\/formID>/.exec(entry!)![1];
	return { url: new URL(url).pathname, formId };
}

/** ODK's web form, served under the app's origin by the test, in place of ODK Collect. */
async function openWebForm(page: Page, formUrl: string, auth: string) {
	await page.route('**/__odk/**', (route) => {
		const file = new URL(route.request().url()).pathname.replace('/__odk/', '');
		const js = (path: string) =>
			route.fulfill({ body: readFileSync(path), contentType: 'text/javascript' });
		if (file === 'config.json') return route.fulfill({ json: { formUrl, auth } });
		if (file === 'vue.js') return js(vue);
		if (file === 'web-forms.js') return js(join(webForms, 'index.js'));
		if (file === 'main.js') return js(join(harness, 'main.js'));
		if (file === 'index.html')
			return route.fulfill({ path: join(harness, 'index.html'), contentType: 'text/html' });
		return js(join(webForms, file));
	});
	await page.goto('/__odk/index.html');
}

test('ODK Collect setup on the account page: server, user, token and QR code', async ({
	page,
	request
}) => {
	const token = await collectToken(page);
	await expect(page.getByTestId('collect-qr')).toBeVisible();
	await expect(page.getByTestId('collect-server')).toHaveText(new URL(page.url()).origin);
	await expectAccessible(page);
	const { url } = await formOf(request, basic(FIELD, token), 'Floods, October 2020');
	expect(await page.locator(`a[href="${url}"]`).count()).toBe(1);
	const xlsx = await page.request.get(url.replace(/\.xml$/, '.xlsx'));
	expect(xlsx.status()).toBe(200);
	expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
});

test('ODK’s web form fills the XForm in both languages and submits it to /submission, once', async ({
	page,
	request,
	context
}) => {
	// A response of its own: what ODK sends moves none of the demo flood's figures.
	await signInAs(page, 'coordinator');
	const name = `ODK storm ${tag()}`;
	await newResponse(page, name, '2020-10-01');
	await context.clearCookies();
	const token = await collectToken(page);
	const auth = basic(FIELD, token);
	const { url, formId } = await formOf(request, auth, name);
	const responseId = Number(formId.split('_').at(-1));
	await context.grantPermissions(['geolocation']);
	await context.setGeolocation({ latitude: 13.05, longitude: 103.2, accuracy: 7 });
	await openWebForm(page, url, auth);

	await expect(
		page.getByRole('heading', { name: `Rapid assessment: ${name}` }).first()
	).toBeVisible();
	await page.getByRole('combobox').first().click();
	await page.getByRole('option', { name: 'Khmer (km)' }).click();
	await expect(page.getByText('ខេត្ត', { exact: true })).toBeVisible();
	await expect(page.getByText('បាត់ដំបង', { exact: true })).toBeVisible();
	await page.getByRole('combobox').first().click();
	await page.getByRole('option', { name: 'English (en)' }).click();

	await page.getByRole('button', { name: 'Get location' }).click();
	await expect(page.getByText('7 m - Good accuracy')).toBeVisible();
	await page.getByRole('button', { name: 'Save location' }).click();
	await page.getByText('Battambang', { exact: true }).first().click();
	await page.getByText('Banan', { exact: true }).click();
	await page.getByText('Kantueu Muoy', { exact: true }).click();
	// Web Forms does not tie its labels to the inputs: the number box sits beside its label.
	const count = (label: string) =>
		page
			.locator('div')
			.filter({ has: page.getByText(label, { exact: true }) })
			.filter({ has: page.getByRole('spinbutton') })
			.last()
			.getByRole('spinbutton');
	// Typed as a person types: the number box takes its value on key presses and leaving it.
	const type = async (label: string, value: string) => {
		const box = count(label);
		await box.click();
		await box.press('ControlOrMeta+A');
		await box.pressSequentially(value);
		await box.press('Tab');
	};
	await type('Households', '9');
	await type('Female, 18–59', '14');
	await type('Male, 0–5', '6');
	await page.getByText('By boat only').click();
	await page.getByText('Safe but not enough').click();
	await page.getByText('Latrines flooded').click();
	await page.getByText('Drinking water', { exact: true }).last().click();
	await page.getByText('Health', { exact: true }).last().click();
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.locator('#sent')).toHaveText('201 Received by Sahakar.');

	const xml = await page.evaluate(
		() => (window as unknown as { lastSubmission: string }).lastSubmission
	);
	const id = /<instanceID>uuid:(.*?)<\/instanceID>/.exec(xml)![1];
	const list = async () =>
		(
			await (
				await page.request.get(`/api/v1/assessments?responseId=${responseId}&limit=1000`)
			).json()
		).data as { id: string; pcode: string; affectedPersons: number; needs: string[] }[];
	const before = await list();
	expect(before.map((a) => a.id)).toEqual([id]);
	expect(before[0]).toMatchObject({
		pcode: 'KH020101',
		affectedHouseholds: 9,
		affected_f_18_59: 14,
		affected_m_0_5: 6,
		affectedPersons: 20,
		access: 'boat_only',
		needs: ['water', 'health'],
		locationSource: 'gps'
	});

	// ODK Collect sends again after a lost answer: no Origin header, the same instance.
	const again = await request.post('/submission', {
		headers: { authorization: auth, 'X-OpenRosa-Version': '1.0' },
		multipart: {
			xml_submission_file: {
				name: 'submission.xml',
				mimeType: 'text/xml',
				buffer: Buffer.from(xml)
			}
		}
	});
	expect(again.status()).toBe(202);
	expect((await list()).map((a) => a.id)).toEqual([id]);
	// Only the submission path takes form posts without an Origin; the others still refuse them.
	const elsewhere = await request.post('/login', { multipart: { email: FIELD } });
	expect(elsewhere.status()).toBe(403);
});
