import { parse } from 'csv-parse/sync';
import { expect, test } from '@playwright/test';
import {
	expectAccessible,
	massReturnId,
	newResponse,
	open,
	signInAs,
	switchTo,
	tag
} from './helpers';

test.describe('destinations by name', () => {
	test('a manifest’s places are chosen from lists and shown with their codes', async ({ page }) => {
		// A response of its own: a draft manifest in the demo's would be one more in its lists.
		await signInAs(page, 'coordinator');
		const id = await newResponse(page, `Destinations ${tag()}`);
		await switchTo(page, 'field');
		const plate = `DEST ${tag()}`;
		await open(page, `/responses/${id}/returns/manifests/new`);
		await page.getByLabel('Plate').fill(plate);
		await page.getByLabel('Seats').fill('4');
		const district = page.getByLabel('Destination district');
		// No province yet: no district to choose.
		await expect(district).toBeDisabled();
		await page.getByLabel('Destination province').selectOption({ label: 'Battambang (KH02)' });
		// Only Battambang's districts, by name.
		await expect(district.locator('option', { hasText: 'Banan (KH0201)' })).toHaveCount(1);
		await expect(district.locator('option', { hasText: 'Paoy Paet' })).toHaveCount(0);
		await district.selectOption({ label: 'Banan (KH0201)' });
		await page.getByLabel('Planned departure').fill('2014-06-26T08:00');
		await page.getByLabel('Passengers').selectOption('named');
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Create' }).click();
		await expect(page).toHaveURL(/\/returns\/manifests\/\d+$/);
		const path = new URL(page.url()).pathname;

		await expect(page.getByTestId('manifest-destination')).toHaveText(
			'Battambang (KH02) · Banan (KH0201)'
		);
		await page.getByLabel('Name', { exact: true }).fill('Heng Sreymom');
		await page.getByLabel('Age', { exact: true }).fill('41');
		await page.getByRole('combobox', { name: 'Destination', exact: true }).selectOption({
			label: 'Serei Saophoan (KH0106)'
		});
		await page.getByRole('button', { name: 'Add passenger' }).click();
		const row = page.getByTestId('passengers').getByRole('row', { name: /Heng Sreymom/ });
		await expect(row).toContainText('Serei Saophoan (KH0106)');
		await expectAccessible(page);

		await page.goto(`${path}/print`);
		await expect(page.getByRole('row', { name: /Heng Sreymom/ })).toContainText(
			'Serei Saophoan (KH0106)'
		);

		// The list's filter is a list of provinces, and the rows say where they go.
		await page.goto(`/responses/${id}/returns/manifests`);
		await page.getByLabel('Destination province').selectOption({ label: 'Battambang (KH02)' });
		await page.getByRole('button', { name: 'Filter' }).click();
		await expect(page).toHaveURL(/pcode=KH02/);
		const listed = page.getByRole('row').filter({ hasText: plate });
		await expect(page.getByTestId('destination')).toHaveCount(1);
		await expect(listed.getByTestId('destination')).toHaveText(
			/Battambang \(KH02\)\s*Banan \(KH0201\)/
		);
		await expectAccessible(page);
	});

	test('a count’s provinces show their codes', async ({ page }) => {
		await signInAs(page, 'field');
		const id = await massReturnId(page);
		await open(page, `/responses/${id}/returns/tallies/new`);
		await page.getByRole('button', { name: 'Add a province' }).click();
		await expect(
			page.getByLabel('Province').locator('option', { hasText: 'Prey Veng (KH14)' })
		).toHaveCount(1);
	});
});

test('arrival counts: filtered by place and days, newest first, on a phone, and the export follows', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await signInAs(page, 'coordinator');
	const id = await massReturnId(page);
	await open(page, `/responses/${id}/returns/tallies`);
	const filters = page.getByTestId('tally-filters');
	await filters.getByLabel('Crossing point or transit centre').selectOption({ label: 'Daung' });
	await filters.getByLabel('From').fill('2014-06-20');
	await filters.getByLabel('To').fill('2014-06-22');
	await filters.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/locationId=\d+.*from=2014-06-20.*to=2014-06-22/);

	const rows = page.getByTestId('tallies').locator('tbody tr');
	await expect(rows.first()).toBeVisible();
	const texts = await rows.allInnerTexts();
	expect(texts.every((t) => t.includes('Daung'))).toBe(true);
	// The seed's counts at Daung on those days: a morning and an afternoon each, newest first.
	const days = texts.map((t) => t.match(/(2[0-2]) Jun 2014/)?.[1]);
	expect(days).toEqual(['22', '22', '21', '21', '20', '20']);

	// Every column in view: nothing to scroll sideways for.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	const cut = await page
		.getByTestId('tallies')
		.locator('th, td')
		.evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth).length);
	expect(cut).toBe(0);

	// Only the crossing points' export, with the page's filters.
	const links = page.getByTestId('export-links');
	await expect(links).toHaveCount(1);
	const href = await links.getByRole('link', { name: 'CSV' }).getAttribute('href');
	const csv = await page.request.get(href!);
	const lines = (await csv.text()).trim().split('\n');
	// A header, the HXL row, then one line per count listed.
	expect(lines.length - 2).toBe(texts.length);
	await expectAccessible(page);
	await context.close();
});

test('the dashboard shows every crossing point’s total, as the export has it', async ({ page }) => {
	await signInAs(page, 'coordinator');
	const id = await massReturnId(page);
	await page.goto(`/responses/${id}/returns`);
	const num = (t: string | null) => Number((t ?? '').replace(/\D/g, ''));
	const stats = page.getByTestId('point-total');
	const shown = new Map<string, number>();
	for (const stat of await stats.all()) {
		const value = num(await stat.locator('.value').textContent());
		const name = ((await stat.textContent()) ?? '').replace(/[\d,]/g, '').trim();
		shown.set(name, value);
	}
	const file = await page.request.get(`/api/v1/export/arrivals.csv?responseId=${id}`);
	const [header, , ...rows] = parse(await file.text(), { bom: true }) as string[][];
	const exported = new Map<string, number>();
	for (const r of rows) {
		const name = r[header.indexOf('Crossing point')];
		exported.set(name, (exported.get(name) ?? 0) + Number(r[header.indexOf('Arrived persons')]));
	}
	expect(exported.size).toBe(7);
	expect(shown).toEqual(exported);
	const total = num(await page.getByTestId('arrivals-total').textContent());
	expect([...shown.values()].reduce((a, b) => a + b, 0)).toBe(total);
	await expectAccessible(page);
});
