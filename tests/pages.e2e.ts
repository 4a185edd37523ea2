import { expect, test, type Page } from '@playwright/test';
import {
	departManifest,
	expectAccessible,
	goOffline,
	goOnline,
	newManifest,
	newResponse,
	open,
	ownResponse,
	signInAs,
	tag
} from './helpers';

/** A named manifest of this test's own with one passenger, departed; returns its page's path. */
async function departedManifest(page: Page, response: number): Promise<string> {
	const path = await newManifest(page, response, {
		plate: `PG 1A-${Date.now() % 10_000}`,
		province: 'KH14',
		names: ['Mao Sophea']
	});
	await departManifest(page);
	return path;
}

test.describe('forms that neither lose nor repeat work', () => {
	test('a refused arrival says why beside its time, and the manifest stays departed', async ({
		page
	}) => {
		const manifest = await departedManifest(page, await ownResponse(page, 'Refused arrival'));
		const arrival = page.locator('#arrival');
		const when = arrival.getByLabel('When');

		await when.fill('2014-06-26T07:00');
		await arrival.getByRole('button', { name: 'Confirm arrival' }).click();
		await expect(arrival.getByRole('alert')).toHaveText(
			'Earlier than the previous step (2014-06-26 08:15).'
		);
		await expect(when).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByTestId('manifest-status')).toHaveText('Departed');
		await expectAccessible(page);

		await when.fill('2099-01-01T09:00');
		await arrival.getByRole('button', { name: 'Confirm arrival' }).click();
		await expect(arrival.getByRole('alert')).toContainText('This time is in the future');
		await expect(page.getByTestId('manifest-status')).toHaveText('Departed');

		await when.fill('2014-06-26T15:00');
		await arrival.getByRole('button', { name: 'Confirm arrival' }).click();
		await expect(page.getByTestId('manifest-status')).toHaveText('Arrived');
		await page.goto(manifest);
		await expect(page.getByTestId('manifest-received')).toHaveText('1');
	});

	test('a saved count empties the form, and a second press saves nothing', async ({ browser }) => {
		const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		const id = await ownResponse(page, 'Emptied count');
		await open(page, `/responses/${id}/returns/tallies/new`);
		// The list holds crossing points and transit centres, and says so.
		const place = page.getByLabel('Crossing point or transit centre');
		await place.selectOption({ label: 'Prum' });
		await page.getByLabel('Date').fill('2014-06-29');
		await page.getByLabel('Shift').selectOption('night');
		const women = page.getByLabel('Female, 18–59', { exact: true });
		await women.fill('12');

		// A field going wrong as the finger leaves it does not swallow the tap on "Add a province".
		await page.getByLabel('Male, 18–59', { exact: true }).fill('-1');
		await page.getByRole('button', { name: 'Add a province' }).click();
		await expect(page.getByLabel('Province')).toHaveCount(1);
		await expect(page.getByLabel('Province')).toBeFocused();
		await page.getByLabel('Male, 18–59', { exact: true }).fill('3');
		await page.getByLabel('Province').selectOption('KH03');
		await page.getByLabel('Persons', { exact: true }).fill('15');
		await expectAccessible(page);

		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Saved: 15 people.')).toBeVisible();
		// Empty again for the next count, at the same place, day and shift.
		await expect(women).toHaveValue('0');
		await expect(page.getByLabel('Province')).toHaveCount(0);
		await expect(place).toHaveValue(/\d+/);
		await expect(page.getByLabel('Shift')).toHaveValue('night');
		await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();

		await page.goto(`/responses/${id}/returns/tallies`);
		const rows = page
			.getByRole('row')
			.filter({ hasText: '29 Jun 2014' })
			.filter({ hasText: 'Prum' });
		await expect(rows).toHaveCount(1);
		await expect(rows).toContainText('15');
		await context.close();
	});

	test('a manifest on a phone opens at its top, with boxes a thumb can hit', async ({
		browser
	}) => {
		const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		const id = await ownResponse(page, 'Phone manifest');
		await open(page, `/responses/${id}/returns/manifests/new`);
		await page.getByLabel('Plate').fill(`PG 2B-${Date.now() % 10_000}`);
		await page.getByLabel('Seats').fill('3');
		await page.getByLabel('Destination province').selectOption('KH14');
		await page.getByLabel('Planned departure').fill('2014-06-26T08:00');
		await page.getByLabel('Passengers').selectOption('named');
		await page.getByRole('button', { name: 'Create' }).click();
		await expect(page).toHaveURL(/\/returns\/manifests\/\d+$/);

		await expect(page.getByTestId('manifest-status')).toBeInViewport();
		await expect(page.getByRole('button', { name: 'Start boarding' })).toBeInViewport();
		expect(await page.evaluate(() => window.scrollY)).toBe(0);
		await expect(page.getByLabel('Name', { exact: true })).not.toBeFocused();

		const box = page.getByRole('checkbox', { name: 'Disability' });
		const size = await box.boundingBox();
		expect(size?.width).toBeGreaterThanOrEqual(24);
		expect(size?.height).toBeGreaterThanOrEqual(24);
		// The label is on the box's line, to its right.
		const label = await page.locator('label.check', { hasText: 'Disability' }).boundingBox();
		expect(
			label && size && label.y <= size.y && label.y + label.height >= size.y + size.height
		).toBe(true);
		await expectAccessible(page);
		await context.close();
	});
});

test.describe('downloads that say what they are', () => {
	test('a sitrep file is named after its response, number and day', async ({ page }) => {
		await signInAs(page, 'coordinator');
		const res = await page.request.get('/api/v1/responses');
		const { data } = (await res.json()) as { data: { id: number; kind: string; name: string }[] };
		const flood = data.find((r) => r.kind === 'flood');
		expect(flood?.name).toBe('Floods, October 2020');
		// The demo's first flood report is as of 16 October 2020, published.
		for (const ext of ['pdf', 'docx']) {
			const file = await page.request.get(`/responses/${flood?.id}/sitreps/1/sitrep.${ext}`);
			expect(file.headers()['content-disposition']).toBe(
				`attachment; filename="sitrep-floods-october-2020-1-2020-10-16.${ext}"`
			);
		}
	});
});

/** A CSV export's rows after its header and HXL rows, as header → value (no quoted commas here). */
function csvRecords(text: string): Record<string, string>[] {
	const [header, , ...lines] = text
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n');
	const names = header.split(',');
	return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

const plain = (n: string) => n.replace(/[,\s]/g, '');

test('the Gaps export holds the numbers the page shows', async ({ page }) => {
	await signInAs(page, 'coordinator');
	const res = await page.request.get('/api/v1/responses');
	const { data } = (await res.json()) as { data: { id: number; kind: string }[] };
	const flood = data.find((r) => r.kind === 'flood')?.id;
	await page.goto(`/responses/${flood}/shelter/gaps?asOf=2020-10-20&level=province`);
	// The sidebar marks this page, not "Shelter sites"; no "Map by" without a map.
	await expect(page.locator('nav a[aria-current="page"]').first()).toHaveText('Gaps');
	await expect(page.getByText('Map by')).toHaveCount(0);
	await expect(page.getByLabel('Areas by')).toHaveValue('province');

	const shown = await page
		.getByTestId('gaps-people')
		.locator('tbody tr')
		.evaluateAll((rows) =>
			rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? ''))
		);
	expect(shown.length).toBeGreaterThan(0);

	const link = page.getByRole('link', { name: 'CSV' }).first();
	const csv = await page.request.get((await link.getAttribute('href')) ?? '');
	expect(csv.headers()['content-disposition']).toContain('sahakar-gaps-response-');
	const records = csvRecords(await csv.text());
	expect(records.map((r) => [r['As of'], r.Level])).toEqual(
		records.map(() => ['2020-10-20', 'province'])
	);
	expect(
		records.map((r) => [
			r['P-code'],
			r['Persons in open sites'],
			r['Persons affected (assessed)'],
			r['Persons in need'],
			r['Persons reached'],
			r['Persons not reached']
		])
	).toEqual(
		shown.map(([area, ...numbers]) => [area.trim().split(/\s+/).at(-1), ...numbers.map(plain)])
	);

	// NFI: each cell "given / needed" is the export's row for that area and item.
	const cells = await page
		.getByTestId('gaps-nfi')
		.locator('td[data-item]')
		.evaluateAll((tds) =>
			tds.map((td) => ({
				pcode: td.closest('tr')?.getAttribute('data-pcode'),
				item: td.getAttribute('data-item'),
				text: td.textContent ?? ''
			}))
		);
	expect(cells.length).toBeGreaterThan(0);
	const nfiLink = page.getByRole('link', { name: 'CSV' }).nth(1);
	const nfi = csvRecords(
		await (await page.request.get((await nfiLink.getAttribute('href')) ?? '')).text()
	);
	expect(nfi.map((r) => [r['P-code'], r['Item code'], `${r.Distributed} / ${r.Needed}`])).toEqual(
		cells.map((c) => [c.pcode, c.item, plain(c.text.split('−')[0]).replace('/', ' / ')])
	);
	await expectAccessible(page);
});

test('a kit says on its own line what is wrong, and holds whole things only', async ({ page }) => {
	await signInAs(page, 'coordinator');
	await page.goto('/shelter/catalogue');
	const code = `PGKIT${Date.now() % 100_000}`;
	await page.getByLabel('Kind').selectOption('kit');
	await page.getByLabel('Code').fill(code);
	await page.getByLabel('Name (English)').fill('Pages test kit');
	await page.getByLabel('Name (Khmer)').fill('កញ្ចប់សាកល្បង');
	await page.getByRole('textbox', { name: 'Unit', exact: true }).fill('kit');
	await page.getByRole('button', { name: 'Add a line' }).click();
	await page.getByRole('button', { name: 'Add a line' }).click();
	const item = async (n: number, code: string) => {
		const select = page.getByLabel(`Item ${n}`);
		const value = await select.locator('option', { hasText: `${code} ·` }).getAttribute('value');
		await select.selectOption(value ?? '');
	};
	await item(1, 'TARP');
	await page.getByLabel('Quantity 1').fill('1.5');
	await item(2, 'TARP');
	await page.getByLabel('Quantity 2').fill('2');
	await page.getByRole('button', { name: 'Save' }).click();

	await expect(page.getByLabel('Quantity 1')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#part-0-error')).toHaveText('Enter a whole number.');
	await expectAccessible(page);

	// Whole now; the same item twice is said on the second line.
	await page.getByLabel('Quantity 1').fill('2');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.locator('#part-0-error')).toHaveCount(0);
	await expect(page.getByLabel('Item 2')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#part-1-error')).toHaveText('Listed twice.');

	await item(2, 'BUCKET');
	await page.getByLabel('Quantity 2').fill('1');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText(`${code} saved.`)).toBeVisible();
	await expect(page.getByTestId('catalogue')).toContainText(code);
});

test('an outbox refusal names the field as the form does', async ({ browser }) => {
	const desk = await browser.newContext();
	const coordinator = await desk.newPage();
	await signInAs(coordinator, 'coordinator');
	const response = `/responses/${await newResponse(coordinator, `Outbox storm ${tag()}`, '2020-10-01')}`;

	const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const field = await phone.newPage();
	await signInAs(field, 'field');
	await field.goto(`${response}/assessments/new`);
	await expect(field.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
	await goOffline(phone);
	await field.getByLabel('Latitude').fill('13.0952');
	await field.getByLabel('Longitude').fill('103.2021');
	await field.getByLabel('Village').fill('Phum Outbox');
	await field.getByLabel('Date observed').fill('2020-10-05');
	await field.getByLabel('Households', { exact: true }).fill('12');
	await field.getByLabel('By boat only').check();
	await field.getByLabel('Contaminated').check();
	await field.getByLabel('Latrines flooded').check();
	await field.getByLabel('Priority 1').selectOption('water');
	await field.getByRole('button', { name: 'Save to outbox' }).click();
	await expect(field.getByTestId('outbox-waiting')).toHaveText('1 waiting to be sent');

	// Meanwhile the response is found to have begun later: the server refuses the record.
	await coordinator.goto(`${response}/edit`);
	await coordinator.getByLabel('Start date').fill('2020-10-10');
	await coordinator.getByRole('button', { name: 'Save' }).click();
	await expect(coordinator).toHaveURL(new RegExp(`${response}$`));

	await field.getByRole('link', { name: 'Open the outbox' }).click();
	await goOnline(phone);
	await expect(field.getByTestId('item-state')).toHaveText('Refused', { timeout: 30_000 });
	await expect(field.getByTestId('item-error')).toContainText(
		'Date observed: Before the response began (2020-10-10).'
	);
	await expect(field.getByTestId('item-error')).not.toContainText('observedOn');
	await expectAccessible(field);
	await desk.close();
	await phone.close();
});

test('the 4W form’s area hint speaks of its site, not of assessments', async ({ page }) => {
	await signInAs(page, 'coordinator');
	const res = await page.request.get('/api/v1/responses');
	const { data } = (await res.json()) as { data: { id: number; kind: string }[] };
	const flood = data.find((r) => r.kind === 'flood')?.id;
	await page.goto(`/responses/${flood}/shelter/activities/new`);
	await expect(page.locator('#pcode-hint')).toHaveText(
		'Left empty, the area is that of the site chosen below. Choose an area, a site, or both.'
	);
	await page.goto(`/responses/${flood}/assessments/new`);
	await expect(page.locator('#pcode-hint')).toContainText('when the assessment reaches the server');
});

test('a response shows the areas it uses, chosen by kind and by the coordinator', async ({
	page
}) => {
	await signInAs(page, 'coordinator');
	await page.goto('/responses/new');
	const areas = page.getByRole('group', { name: 'Areas this response uses' });
	const returns = areas.getByLabel('Returns (crossing points, arrivals, manifests)');
	const shelter = areas.getByLabel('Shelter (sites, 4W, NFI)');
	const assessments = areas.getByLabel('Rapid assessments');
	await page.getByLabel('Kind').selectOption('mass_return');
	await expect(returns).toBeChecked();
	await expect(shelter).toBeChecked();
	await expect(assessments).not.toBeChecked();
	await page.getByLabel('Kind').selectOption('storm');
	await expect(returns).not.toBeChecked();
	await expect(assessments).toBeChecked();
	await expectAccessible(page);

	await page.getByLabel('Name').fill(`Areas storm ${Date.now()}`);
	await page.getByLabel('Start date').fill('2020-10-01');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(/\/responses\/\d+$/);
	const response = new URL(page.url()).pathname;
	await expect(page.getByTestId('response-areas')).toHaveText(
		/^\s*Shelter \(sites, 4W, NFI\)\s*Rapid assessments\s*$/
	);
	const menu = page.getByRole('navigation', { name: 'Main navigation' });
	await expect(menu.getByRole('link', { name: 'Shelter sites' })).toBeVisible();
	await expect(menu.getByRole('link', { name: 'Arrivals', exact: true })).toHaveCount(0);

	// A page of an area it does not use says so, with the way back, rather than half a page.
	const hidden = await page.goto(`${response}/returns/tallies`);
	expect(hidden?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
	await expect(
		page.getByText('This response does not use Returns (crossing points, arrivals, manifests).')
	).toBeVisible();
	await expectAccessible(page);

	// The coordinator turns returns on and shelter off: the menu and the pages follow.
	await page.goto(`${response}/edit`);
	await returns.check();
	await shelter.uncheck();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page).toHaveURL(new RegExp(`${response}$`));
	await expect(menu.getByRole('link', { name: 'Arrivals', exact: true })).toBeVisible();
	await expect(menu.getByRole('link', { name: 'Shelter sites' })).toHaveCount(0);
	expect((await page.goto(`${response}/returns/tallies`))?.status()).toBe(200);
	expect((await page.goto(`${response}/shelter`))?.status()).toBe(404);
});
