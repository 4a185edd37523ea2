import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import JSZip from 'jszip';
import { expect, test, type Page } from '@playwright/test';
import {
	departManifest,
	expectAccessible,
	floodId,
	newManifest,
	newResponse,
	open,
	signInAs,
	tag
} from './helpers';

/** One arrival count, saved through the tally form: women and men aged 18–59, and boys. */
async function count(
	page: Page,
	response: number,
	c: {
		place: string;
		day: string;
		women: number;
		men: number;
		boys?: number;
		unaccompanied?: number;
		health?: number;
		to?: [province: string, persons: number];
	}
) {
	await open(page, `/responses/${response}/returns/tallies/new`);
	await page.getByLabel('Crossing point or transit centre').selectOption({ label: c.place });
	await page.getByLabel('Date').fill(c.day);
	await page.getByLabel('Female, 18–59', { exact: true }).fill(String(c.women));
	await page.getByLabel('Male, 18–59', { exact: true }).fill(String(c.men));
	if (c.boys) await page.getByLabel('Male, 6–17', { exact: true }).fill(String(c.boys));
	if (c.unaccompanied)
		await page.getByLabel('Unaccompanied children').fill(String(c.unaccompanied));
	if (c.health) await page.getByLabel('Referred to health care').fill(String(c.health));
	if (c.to) {
		await page.getByRole('button', { name: 'Add a province' }).click();
		await page.getByLabel('Province').selectOption(c.to[0]);
		await page.getByLabel('Persons', { exact: true }).fill(String(c.to[1]));
	}
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText(`Saved: ${c.women + c.men + (c.boys ?? 0)} people.`)).toBeVisible();
}

/** A DOCX's table rows as the text of their cells, joined by " | ". */
async function docxRows(docx: Buffer): Promise<string[]> {
	const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
	return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
		[...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)]
			.map((cell) =>
				[...cell[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')
			)
			.join(' | ')
	);
}

test('a coordinator writes, publishes, exports and shares a mass return’s situation report', async ({
	page,
	browser
}, testInfo) => {
	// A response of its own, holding only the counts and the trip below: its figures are known.
	await signInAs(page, 'coordinator');
	const t = tag();
	const ret = await newResponse(page, `Return report ${t}`);
	await count(page, ret, {
		place: 'Poipet',
		day: '2014-06-25',
		women: 40,
		men: 54,
		boys: 6,
		unaccompanied: 3,
		health: 2,
		to: ['KH02', 70]
	});
	await count(page, ret, {
		place: 'Prum',
		day: '2014-06-26',
		women: 20,
		men: 10,
		to: ['KH03', 30]
	});
	// The day after the report's: in no figure of it.
	await count(page, ret, {
		place: 'Poipet',
		day: '2014-06-27',
		women: 245,
		men: 245,
		boys: 10,
		unaccompanied: 5,
		health: 4,
		to: ['KH02', 500]
	});
	// Two people leave for Battambang on the 26th; one of them is received.
	await newManifest(page, ret, {
		plate: `SR ${t}`,
		province: 'KH02',
		names: ['Sok Dara', 'Chan Bopha']
	});
	await departManifest(page);
	const arrival = page.locator('#arrival');
	await arrival.getByLabel('When').fill('2014-06-26T15:00');
	await arrival.getByRole('checkbox', { name: 'Chan Bopha' }).check();
	await arrival.getByRole('button', { name: 'Confirm arrival' }).click();
	await expect(page.getByTestId('manifest-status')).toHaveText('Arrived');

	await open(page, `/responses/${ret}/sitreps`);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Start report no. 1' }).click();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('As of (Cambodia time)')).not.toHaveValue('');
	await page.getByLabel('As of (Cambodia time)').fill('2014-06-26T18:00');
	await page.getByLabel('Period from').fill('2014-06-20');
	await page.getByLabel('Period to').fill('2014-06-26');
	await page.getByLabel('Highlights').fill('Arrivals peak at Poipet. ការវិលត្រឡប់កើនឡើង។');
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${ret}/sitreps/1$`));
	await expect(page.getByRole('heading', { name: 'Situation report no. 1' })).toBeVisible();
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
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Situation overview').fill('130 people crossed in two days.');
	const protection = page.getByRole('group', { name: 'Protection' });
	await protection.getByLabel('Needs').fill('Screening for trafficking');
	await protection.getByLabel('Response').fill('Two desks at Poipet');
	await protection.getByLabel('Gaps').fill('None at Prum');
	await page.getByLabel('Contacts').fill('HRF secretariat, hrf@example.org');
	await page.getByLabel('Next report').fill('2014-06-28');
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page).toHaveURL(new RegExp(`/sitreps/1$`));
	await page.getByRole('button', { name: 'Publish' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();
	await expect(page.getByText('Figures frozen when published')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);

	// The return's figures as of the 26th, from the counts and the trip above; no assessments.
	const figures = page.getByTestId('figures-returns');
	const headline = (name: string) =>
		figures
			.getByRole('row', { name: new RegExp(`^${name}`) })
			.getByRole('cell')
			.first();
	const expected: [string, string][] = [
		['Returnees who crossed to date', '130'],
		['People transported towards their home province', '2'],
		['People confirmed arrived home', '1'],
		['Unaccompanied children', '3'],
		['Referred for health care', '2'],
		['Returnees with disabilities', '0']
	];
	for (const [name, value] of expected) await expect(headline(name), name).toHaveText(value);
	await expect(page.getByTestId('figures-assessments')).toHaveCount(0);
	const rows = (table: string) =>
		page.getByTestId(`breakdown-returns.${table}`).locator('tbody tr');
	await expect(rows('by-point')).toHaveText([/^Poipet\s*100$/, /^Prum\s*30$/]);
	await expect(rows('by-point-day')).toHaveText([
		/^25 Jun 2014\s*100\s*–$/,
		/^26 Jun 2014\s*–\s*30$/
	]);
	await expect(rows('by-destination')).toHaveText([
		/^Battambang\s*70\s*2\s*1$/,
		/^Kampong Cham\s*30\s*0\s*0$/,
		/^Destination not recorded\s*30\s*0\s*0$/
	]);
	await expect(rows('sadd')).toHaveText([
		/^0–5\s*0\s*0$/,
		/^6–17\s*0\s*6$/,
		/^18–59\s*60\s*64$/,
		/^60\+\s*0\s*0$/
	]);
	await expect(
		page.locator('svg title', { hasText: 'Returnees by destination province' })
	).toHaveCount(1);
	await expectAccessible(page);

	// The figure's source, the arrivals dashboard as of the same day, shows the same number.
	await headline('Returnees who crossed to date')
		.locator('..')
		.getByRole('link', { name: 'Source' })
		.click();
	await expect(page).toHaveURL(new RegExp(`/responses/${ret}/returns\\?to=2014-06-26`));
	await expect(page.getByTestId('arrivals-total')).toHaveText('130');
	await page.goBack();

	// Downloads: the PDF and the DOCX hold the same figures.
	const pdf = await page.request.get(`/responses/${ret}/sitreps/1/sitrep.pdf`);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	const pdfFile = testInfo.outputPath('sitrep.pdf');
	writeFileSync(pdfFile, await pdf.body());
	const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
	for (const [name, value] of expected) expect(text).toMatch(new RegExp(`${name}\\s+${value}\\n`));
	const docx = await page.request.get(`/responses/${ret}/sitreps/1/sitrep.docx`);
	expect(docx.headers()['content-disposition']).toContain(
		`filename="sitrep-return-report-${t}-1-2014-06-26.docx"`
	);
	const docxText = await docxRows(await docx.body());
	for (const [name, value] of expected) expect(docxText).toContain(`${name} | ${value}`);
	expect(docxText).toContain('Battambang | 70 | 2 | 1');

	// The print page: the report alone, with its map and chart drawn on the server.
	await page.goto(`/responses/${ret}/sitreps/1/print`);
	await expect(
		page.locator('svg title', { hasText: 'Returnees by crossing point and day' })
	).toHaveCount(1);
	await expect(page.getByRole('navigation')).toHaveCount(0);
	await page.goBack();

	// A share link opens the report for someone signed out, until it is revoked.
	await page.getByRole('button', { name: 'Create a share link' }).click();
	const url = await page.getByTestId('share-url').inputValue();
	expect(url).toMatch(/\/s\/[a-z2-7]{32}$/);
	const stranger = await browser.newContext();
	const outside = await stranger.newPage();
	await outside.goto(url);
	await expect(outside.getByRole('heading', { name: 'Situation report no. 1' })).toBeVisible();
	await expect(outside.getByText('Screening for trafficking')).toBeVisible();
	await expect(
		outside
			.getByTestId('figures-returns')
			.getByRole('row', { name: /^Returnees who crossed to date/ })
	).toContainText('130');

	await page.getByRole('button', { name: 'Revoke' }).click();
	await expect(page.getByText(/^Revoked /)).toBeVisible();
	const gone = await outside.goto(url);
	expect(gone?.status()).toBe(404);
	await stranger.close();
});

test('a flood’s report links its figures to the assessments behind them', async ({ page }) => {
	await signInAs(page, 'coordinator');
	const flood = await floodId(page);
	await page.goto(`/responses/${flood}/sitreps/2`);
	const source = page
		.getByTestId('figures-assessments')
		.getByRole('link', { name: 'Source' })
		.first();
	await expect(source).toHaveAttribute(
		'href',
		new RegExp(`^/responses/${flood}/assessments\\?to=\\d{4}-\\d{2}-\\d{2}`)
	);
	await expect(page.locator('svg title', { hasText: 'People affected by province' })).toHaveCount(
		1
	);
	const affectedRow = page
		.getByTestId('figures-assessments')
		.getByRole('row', { name: /^People affected \d/ });
	const affected = await affectedRow.getByRole('cell').first().innerText();
	await affectedRow.getByRole('link', { name: 'Source' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${flood}/assessments\\?to=`));
	await expect(
		page.locator('.stat').filter({ hasText: 'Affected persons' }).locator('.value')
	).toHaveText(affected);
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

test('numbers reach partners in order: one draft at a time, which can be deleted', async ({
	page
}) => {
	// A response of its own: the demo's draft, which partners must not see, stays.
	await signInAs(page, 'coordinator');
	const own = await newResponse(page, `Sitrep numbers ${tag()}`, '2020-10-01');
	await open(page, `/responses/${own}/sitreps/new`);
	await page.getByLabel('As of (Cambodia time)').fill('2020-10-16T18:00');
	await page.getByLabel('Period from').fill('2020-10-10');
	await page.getByLabel('Period to').fill('2020-10-16');
	await page.getByLabel('Highlights').fill('Water receding.');
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${own}/sitreps/1$`));

	await page.goto(`/responses/${own}/sitreps`);
	const reports = page.getByRole('link', { name: /^Situation report no\. \d$/ });
	await expect(reports).toHaveCount(1);
	await expect(page.getByTestId('draft-open')).toContainText(
		'Report no. 1 is a draft: publish or delete it before starting the next one.'
	);
	await expect(page.getByRole('link', { name: /^Start report/ })).toHaveCount(0);
	await page.goto(`/responses/${own}/sitreps/new`);
	await expect(page.getByTestId('draft-open')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Save draft' })).toHaveCount(0);

	await page.getByRole('link', { name: 'Open report no. 1' }).click();
	page.on('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Delete draft' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${own}/sitreps$`));
	await expect(reports).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Start report no. 1' })).toBeVisible();
});
