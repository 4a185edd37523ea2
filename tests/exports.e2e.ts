import { readFileSync } from 'node:fs';
import { expect, request, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { floodId, open, signInAs } from './helpers';

/** The ids of the records the assessments API gives for these filters, every page of them. */
async function recordIds(page: Page, query: string): Promise<string[]> {
	const ids: string[] = [];
	for (let cursor = ''; ;) {
		const res = await page.request.get(`/api/v1/assessments?${query}&limit=1000${cursor}`);
		expect(res.status()).toBe(200);
		const body = (await res.json()) as { data: { id: string }[]; next: string | null };
		ids.push(...body.data.map((r) => r.id));
		if (body.next === null) return ids;
		cursor = `&cursor=${body.next}`;
	}
}

async function download(page: Page, name: RegExp) {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-links').getByRole('link', { name }).click()
	]);
	return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

test('a coordinator downloads the filtered assessments as CSV and XLSX', async ({
	page,
	browser
}) => {
	await signInAs(page, 'coordinator');
	const id = await floodId(page);
	await open(page, `/responses/${id}/assessments`);
	await page.locator('select[name="access"]').selectOption('boat_only');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/access=boat_only/);
	const expected = await recordIds(page, `responseId=${id}&access=boat_only`);
	expect(expected.length).toBeGreaterThan(0);

	const csv = await download(page, /^CSV$/);
	expect(csv.name).toMatch(new RegExp(`^sahakar-assessments-response-${id}-.*\\.csv$`));
	const rows: string[][] = parse(csv.bytes, { bom: true });
	const [header, hxl, ...data] = rows;
	expect(hxl[header.indexOf('Area P-code')]).toBe('#loc+code');
	expect(data.map((r) => r[header.indexOf('Access')]).every((a) => a === 'boat_only')).toBe(true);
	expect(data.map((r) => r[header.indexOf('Assessment ID')]).sort()).toEqual(expected.sort());

	const xlsx = await download(page, /XLSX/);
	expect(xlsx.name).toMatch(/\.xlsx$/);
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(new Uint8Array(xlsx.bytes).buffer);
	const sheet = book.getWorksheet('assessments')!;
	expect(sheet.getRow(2).getCell(1).value).toBe('#meta+id');
	const ids: string[] = [];
	sheet.eachRow((row, n) => {
		if (n > 2) ids.push(String(row.getCell(1).value));
	});
	expect(ids.sort()).toEqual(expected.sort());

	// The download is in the audit log, with the page's filter.
	const admin = await (await browser.newContext()).newPage();
	await signInAs(admin, 'admin');
	await admin.goto('/admin/audit?action=export&entity=assessments');
	const latest = admin.locator('tbody tr').first();
	await latest.getByText('Show').click();
	await expect(latest).toContainText('"format": "xlsx"');
	await expect(latest).toContainText('"access": "boat_only"');
	// The audit page's own export carries its filters.
	const audit = await download(admin, /^CSV$/);
	const [auditHeader, auditHxl, ...entries]: string[][] = parse(audit.bytes, { bom: true });
	expect(auditHxl[auditHeader.indexOf('Action')]).toBe('#event+type');
	expect(entries.length).toBeGreaterThanOrEqual(2);
	expect(new Set(entries.map((e) => e[auditHeader.indexOf('Entity')]))).toEqual(
		new Set(['assessments'])
	);
	expect(new Set(entries.map((e) => e[auditHeader.indexOf('Action')]))).toEqual(
		new Set(['export'])
	);
	await admin.context().close();
});

test('the export API answers a token, and refuses what it cannot do as JSON', async ({
	page,
	baseURL
}) => {
	await signInAs(page, 'partner');
	const id = await floodId(page);
	await open(page, '/account');
	await page.getByLabel('Name', { exact: true }).last().fill('Power BI');
	await page.getByRole('checkbox', { name: 'export' }).check();
	await page.getByRole('button', { name: 'Create token' }).click();
	const token = (await page.getByTestId('new-token').textContent())!.trim();
	const own = await recordIds(page, `responseId=${id}`);

	const api = await request.newContext({
		baseURL,
		extraHTTPHeaders: { authorization: `Bearer ${token}` }
	});
	const res = await api.get(`/api/v1/export/assessments.csv?responseId=${id}`);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
	const [header, , ...data]: string[][] = parse(await res.body(), { bom: true });
	// A partner gets its own organisation's records only.
	expect(data.map((r) => r[header.indexOf('Assessment ID')]).sort()).toEqual(own.sort());

	const none = await api.get(`/api/v1/export/assessments.geojson?responseId=${id}&from=2099-01-01`);
	expect(none.status()).toBe(200);
	expect(await none.json()).toEqual({ type: 'FeatureCollection', features: [] });

	const unknown = await api.get(`/api/v1/export/nothing.csv?responseId=${id}`);
	expect(unknown.status()).toBe(404);
	expect((await unknown.json()).error.code).toBe('not_found');
	const format = await api.get(`/api/v1/export/assessments.pdf?responseId=${id}`);
	expect(format.status()).toBe(400);
	const filter = await api.get(`/api/v1/export/assessments.csv?responseId=${id}&from=yesterday`);
	expect(filter.status()).toBe(400);
	expect((await filter.json()).error.fields).toHaveProperty('from');
	const audit = await api.get('/api/v1/export/audit.csv');
	expect(audit.status()).toBe(403);
	await api.dispose();
});

test('each list of the mass return and the Shelter Sector exports what it shows', async ({
	page
}) => {
	await signInAs(page, 'coordinator');
	const res = await page.request.get('/api/v1/responses');
	const { data } = (await res.json()) as { data: { id: number; kind: string }[] };
	const flood = data.find((r) => r.kind === 'flood')!.id;
	const mass = data.find((r) => r.kind === 'mass_return')!.id;
	// [response, page, dataset, the column the page's filter fixes, its value]
	const lists: [number, string, string, string?, string?][] = [
		[mass, '/returns/tallies', 'arrivals'],
		[mass, '/returns/manifests?status=arrived', 'manifests', 'Status', 'arrived'],
		[mass, '/returns/manifests', 'passengers'],
		[flood, '/shelter?kind=evacuation_centre', 'sites', 'Kind', 'evacuation_centre'],
		[flood, '/shelter', 'site-population'],
		[flood, '/shelter/activities?reviewState=validated', 'activities', 'Review', 'validated']
	];
	for (const [responseId, path, dataset, column, value] of lists) {
		await page.goto(`/responses/${responseId}${path}`);
		// The first of the dataset's links: for arrivals, the people who crossed.
		const link = page.locator(`a[href^="/api/v1/export/${dataset}.csv"]`).first();
		const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
		const [header, hxl, ...rows]: string[][] = parse(readFileSync((await file.path())!), {
			bom: true
		});
		expect(file.suggestedFilename(), dataset).toMatch(`sahakar-${dataset}-response-${responseId}-`);
		expect(
			hxl.every((tag) => tag.startsWith('#')),
			dataset
		).toBe(true);
		expect(rows.length, dataset).toBeGreaterThan(0);
		if (column) {
			const at = header.indexOf(column);
			expect(new Set(rows.map((r) => r[at])), dataset).toEqual(new Set([value]));
		}
	}
});
