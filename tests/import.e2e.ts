import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import {
	DEMO_PASSWORD,
	demoEmail,
	expectAccessible,
	floodId,
	newResponse,
	open,
	signInAs,
	switchTo,
	tag
} from './helpers';

async function checkFile(page: Page, name: string, text: string) {
	await page.getByLabel(/4W spreadsheet/).setInputFiles({
		name,
		mimeType: 'text/csv',
		buffer: Buffer.from(text)
	});
	await page.getByRole('button', { name: 'Check the file' }).click();
	await expect(page.getByTestId('import-preview')).toContainText(name);
}

const RUN = Date.now();
const DONOR = `E2E import donor ${RUN}`;
const HEADER =
	'Reporting organisation,Activity,Modality,Province,District,Commune,Start date,End date,Status,Households targeted,Households reached,Targeted F 18-59,Reached F 18-59,Items,Row ID,Donor,Colour';

test('an import lists problems first, commits the fixed file once, and an edited export updates its row', async ({
	page
}) => {
	// A response of its own: the rows it imports are all the response holds.
	await signInAs(page, 'coordinator');
	const flood = await newResponse(page, `Import ${tag()}`, '2020-10-01');
	await switchTo(page, 'partner');
	await open(page, `/responses/${flood}/shelter/import`);
	const broken = [
		HEADER,
		`CRC,NFI distribution,in kind,KH02,KH0201,KH020199,2020-10-21,,ongoing,10,5,20,10,TARP:10,e2e-${RUN}-1,${DONOR},red`,
		`CRC,NFI distribution,in kind,KH02,KH0201,KH020101,2020-10-21,,ongoing,ten,5,20,10,,e2e-${RUN}-2,${DONOR},red`,
		`CRC,NFI distribution,in kind,KH02,KH0201,KH020101,2020-10-21,,ongoing,10,5,20,10,,e2e-${RUN}-2,${DONOR},red`
	].join('\n');
	await checkFile(page, 'broken.csv', broken);
	const problems = page.getByTestId('import-problems');
	await expect(problems.locator('tbody tr')).toHaveCount(3);
	await expect(problems.locator('tbody tr').nth(0)).toContainText('KH020199');
	await expect(problems.locator('tbody tr').nth(1)).toContainText('Households targeted');
	await expect(problems.locator('tbody tr').nth(2)).toContainText(
		`Rows 3 and 4 share the Row ID "e2e-${RUN}-2"`
	);
	await expect(page.getByTestId('import-not-imported')).toContainText('Colour');

	const fixed = broken
		.replace('KH020199', 'KH020101')
		.replace(',ten,', ',10,')
		.split('\n')
		.slice(0, 3)
		.join('\n');
	await checkFile(page, 'fixed.csv', fixed);
	await expect(page.getByText('No problems: the file can be imported.')).toBeVisible();
	await page.getByRole('button', { name: 'Import 2 rows' }).click();
	await expect(page.getByTestId('import-result')).toContainText('2 new rows');
	await expectAccessible(page);

	// The same file again: found by its Row IDs, nothing to import.
	await checkFile(page, 'fixed.csv', fixed);
	await expect(page.getByTestId('import-preview')).toContainText(
		'2 rows: 0 new, 0 changed, 2 already imported.'
	);
	await expect(page.getByRole('button', { name: 'Import 0 rows' })).toBeDisabled();

	// The export, one figure edited, comes back as a change to that row.
	const res = await page.request.get(
		`/api/v1/export/activities.csv?responseId=${flood}&reviewState=all`
	);
	const exported = parse((await res.text()).replace(/^\uFEFF/, '')) as string[][];
	const [head, tags, ...rows] = exported;
	expect(rows.map((r) => r[head.indexOf('Donor')])).toEqual([DONOR, DONOR]);
	const mine = rows;
	mine[0][head.indexOf('Reached households')] = '7';
	await checkFile(page, 'export-edited.csv', stringify([head, tags, ...mine]));
	await expect(page.getByTestId('import-preview')).toContainText(
		'2 rows: 0 new, 1 changed, 1 already imported.'
	);
	const changed = page.getByTestId('import-changed');
	await expect(changed).toContainText(mine[0][head.indexOf('Activity ID')]);
	await expect(changed).toContainText('Activity ID');
	await expect(changed).toContainText('Households reached');
	await page.getByRole('button', { name: 'Import 1 rows' }).click();
	await expect(page.getByTestId('import-result')).toContainText('1 changed');
	const after = await page.request.get(
		`/api/v1/export/activities.csv?responseId=${flood}&reviewState=all`
	);
	const [afterHead, , ...afterRows] = parse(
		(await after.text()).replace(/^\uFEFF/, '')
	) as string[][];
	expect(
		afterRows
			.map((r) => [r[afterHead.indexOf('Donor')], r[afterHead.indexOf('Reached households')]])
			.sort()
	).toEqual([
		[DONOR, '5'],
		[DONOR, '7']
	]);
});

test('a refused file says why, in English and in Khmer', async ({ page, browser }) => {
	const notAWorkbook = {
		name: 'fake.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: Buffer.from('this is not a workbook')
	};
	await signInAs(page, 'partner');
	const flood = await floodId(page);
	await open(page, `/responses/${flood}/shelter/import`);
	await page.getByLabel(/4W spreadsheet/).setInputFiles(notAWorkbook);
	await page.getByRole('button', { name: 'Check the file' }).click();
	await expect(page.getByRole('alert')).toContainText('This is not an Excel workbook');

	// Khmer chosen on the sign-in page of a browser of its own: the shared account keeps English.
	const context = await browser.newContext();
	const khmer = await context.newPage();
	await khmer.goto('/login');
	await khmer.getByRole('button', { name: 'Change language' }).click();
	await expect(khmer.locator('html')).toHaveAttribute('lang', 'km');
	await khmer.locator('input[name="email"]').fill(demoEmail('partner'));
	await khmer.locator('input[name="password"]').fill(DEMO_PASSWORD);
	await khmer.getByRole('button', { name: 'ចូលប្រើ' }).click();
	await expect(khmer).not.toHaveURL(/\/login/);
	await open(khmer, `/responses/${flood}/shelter/import`);
	await khmer.getByLabel(/តារាង 4W/).setInputFiles(notAWorkbook);
	await khmer.getByRole('button', { name: 'ពិនិត្យឯកសារ' }).click();
	await expect(khmer.getByRole('alert')).toContainText('នេះមិនមែនជាសៀវភៅបញ្ជី Excel');
	await expectAccessible(khmer);
	await context.close();
});

test('the 4W template downloads from the import page with the columns the import reads', async ({
	page
}) => {
	await signInAs(page, 'partner');
	const flood = await floodId(page);
	await open(page, `/responses/${flood}/shelter/import`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: /template/i }).click()
	]);
	expect(download.suggestedFilename()).toBe('shelter-4w-template.xlsx');
	const book = new ExcelJS.Workbook();
	await book.xlsx.readFile(await download.path());
	const header = (book.worksheets[0].getRow(1).values as unknown[]).filter(Boolean);
	// Every column the import reads (all of HEADER but the unknown "Colour") is in the template.
	expect(header).toEqual(expect.arrayContaining(HEADER.split(',').filter((h) => h !== 'Colour')));

	// The same file filled in is what the import takes: its check finds the columns it knows.
	await page.getByLabel(/4W spreadsheet/).setInputFiles({
		name: download.suggestedFilename(),
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: readFileSync(await download.path())
	});
	await page.getByRole('button', { name: 'Check the file' }).click();
	await expect(page.getByTestId('import-preview')).toContainText('shelter-4w-template.xlsx');
	await expect(page.getByTestId('import-not-imported')).toHaveCount(0);

	// A viewer may not import, so gets no template either.
	await page.context().clearCookies();
	await signInAs(page, 'viewer');
	const refused = await page.request.get(`/responses/${flood}/shelter/import/template.xlsx`);
	expect(refused.status()).toBe(403);
});
