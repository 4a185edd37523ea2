/**
 * The API's contract as a program's author meets it: the readable reference in both languages,
 * the OpenAPI document with its ETag, and a documented example sent as it stands.
 */
import { randomUUID } from 'node:crypto';
import { expect, request, test } from '@playwright/test';
import { expectAccessible, open, signInAs } from './helpers';

test('the reference lists each operation with its parameters, body and answers, in English and Khmer', async ({
	page
}) => {
	await page.goto('/api-docs');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('API reference');
	const submit = page.locator('section', {
		has: page.getByRole('heading', { name: 'POST /api/v1/assessments' })
	});
	await expect(submit).toContainText('Send one assessment');
	await expect(submit).toContainText('A signed-in session · Bearer with the write scope');
	await expect(submit.getByRole('row', { name: /observedOn required/ })).toContainText(
		'YYYY-MM-DD'
	);
	// A batch's one field follows the fields of one assessment.
	await expect(submit.getByRole('row', { name: /^records/ })).toContainText('Instead of one');
	await expect(submit.locator('pre')).toContainText('"villageName": "Kantueu 1"');
	const list = page.locator('section', {
		has: page.getByRole('heading', { name: 'GET /api/v1/assessments', exact: true })
	});
	await expect(list.getByRole('row', { name: /^cursor/ })).toContainText(
		'The next of the previous page'
	);
	await expect(page.locator('section.operation')).toHaveCount(26);
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Change language' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('ឯកសារយោង API');
	await expect(submit.getByRole('heading', { name: 'តួសំណើ' })).toBeVisible();
	await expect(submit).toContainText('វគ្គដែលបានចូលប្រើ');
});

test('the document is public, revalidates by its ETag, and its example is accepted as written', async ({
	page,
	browser,
	baseURL
}) => {
	const anyone = await request.newContext({ baseURL });
	const res = await anyone.get('/api/v1/openapi.json');
	expect(res.status()).toBe(200);
	const etag = res.headers()['etag'];
	expect(res.headers()['cache-control']).toContain('public');
	const again = await anyone.get('/api/v1/openapi.json', { headers: { 'if-none-match': etag } });
	expect(again.status()).toBe(304);

	const doc = await res.json();
	expect(doc.openapi).toBe('3.1.0');
	const example =
		doc.paths['/api/v1/assessments'].post.requestBody.content['application/json'].example;

	await signInAs(page, 'field');
	await open(page, '/account');
	await page.getByLabel('Name', { exact: true }).last().fill('Documented example');
	await page.getByRole('checkbox', { name: 'write' }).check();
	await page.getByRole('button', { name: 'Create token' }).click();
	const token = (await page.getByTestId('new-token').textContent())!.trim();
	const api = await request.newContext({
		baseURL,
		extraHTTPHeaders: { authorization: `Bearer ${token}` }
	});
	// Into a response of the test's own: the demo's flood keeps the figures other tests read.
	const desk = await browser.newContext();
	const coordinator = await desk.newPage();
	await signInAs(coordinator, 'coordinator');
	await coordinator.goto('/responses/new');
	await coordinator.getByLabel('Name').fill(`Documented storm ${Date.now()}`);
	await coordinator.getByLabel('Kind').selectOption('storm');
	await coordinator.getByLabel('Start date').fill('2020-10-01');
	await coordinator.getByRole('button', { name: 'Create' }).click();
	await expect(coordinator).toHaveURL(/\/responses\/\d+$/);
	const responseId = Number(coordinator.url().match(/\/responses\/(\d+)$/)![1]);
	await desk.close();
	const sent = await api.post('/api/v1/assessments', {
		data: { ...example, id: randomUUID(), responseId }
	});
	expect(sent.status(), await sent.text()).toBe(201);
	expect((await sent.json()).data.villageName).toBe('Kantueu 1');
});
