/**
 * Field records as a user meets them: the one date rule in every form (and on the phone before
 * the outbox keeps anything), a re-posted form that saves once, the two kinds of arrival count,
 * people who crossed adding up the same on the dashboard, the reconciliation and the export, and
 * a receiving team of another organisation marking empty seats. Every test makes its own data.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { expect, test, type Page, type Request } from '@playwright/test';
import {
	expectAccessible,
	signInAs,
	responseId,
	open,
	switchTo,
	cambodiaToday,
	newResponse,
	newSite,
	tag
} from './helpers';

const today = cambodiaToday();
const inDays = (n: number) =>
	new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const FUTURE = `This date is in the future: today is ${today} in Cambodia.`;

/** Sends a form's request again as it was, as a browser does for a re-post or a second click. */
async function repost(page: Page, request: Request) {
	const headers = request.headers();
	return page.request.post(request.url(), {
		headers: {
			'content-type': headers['content-type'],
			'x-sveltekit-action': 'true',
			origin: new URL(request.url()).origin
		},
		data: request.postDataBuffer() ?? ''
	});
}

/**
 * A response of the test's own, 7 June to 31 July 2014 as the demo's mass return, made by the
 * coordinator; then `role` signs in. Nothing the test writes moves the demo's figures.
 */
async function ownResponse(page: Page, name: string, role: 'field' | 'partner') {
	await signInAs(page, 'coordinator');
	const id = await newResponse(page, `${name} ${tag()}`, '2014-06-07', '2014-07-31');
	await switchTo(page, role);
	return id;
}

/** A number as the English pages write it. */
const num = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test.describe('the date rule in the forms', () => {
	test('a tally dated ahead or before the response is refused at its field, a re-post saves once', async ({
		page
	}) => {
		const id = await ownResponse(page, 'Tally dates', 'field');
		await open(page, `/responses/${id}/returns/tallies/new`);
		await page.getByLabel('Crossing point or transit centre').selectOption({ label: 'Daung' });
		await page.getByLabel('Shift').selectOption('night');
		await page.getByLabel('Female, 60+', { exact: true }).fill('13');
		await page.getByLabel('Date').fill(inDays(3));
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText(FUTURE)).toBeVisible();
		await page.getByLabel('Date').fill('2014-06-01');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Before the response began (2014-06-07).')).toBeVisible();

		await page.getByLabel('Date').fill('2014-06-24');
		const posted = page.waitForRequest((r) => r.method() === 'POST');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Saved: 13 people.')).toBeVisible();
		// The same post again (a double click, a re-sent request): the same tally, not a second.
		const again = await repost(page, await posted);
		expect(again.status()).toBe(200);
		expect(await again.text()).toContain('This tally was saved already');
		// The form drew a new id for the next tally: another count is another tally.
		await page.getByLabel('Female, 60+', { exact: true }).fill('14');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Saved: 14 people.')).toBeVisible();

		await page.goto(`/responses/${id}/returns/tallies`);
		const rows = page
			.getByRole('row')
			.filter({ hasText: '24 Jun 2014' })
			.filter({ hasText: 'Daung' })
			.filter({ hasText: 'Night' })
			.filter({ has: page.locator('td.num', { hasText: /^13$/ }) });
		await expect(rows).toHaveCount(1);
		await expect(
			page
				.getByRole('row')
				.filter({ hasText: '24 Jun 2014' })
				.filter({ hasText: 'Daung' })
				.filter({ has: page.locator('td.num', { hasText: /^14$/ }) })
		).toHaveCount(1);
	});

	test('a manifest departing in a year too far or after the response is refused; moves cannot be ahead', async ({
		page
	}) => {
		const id = await ownResponse(page, 'Manifest dates', 'field');
		await open(page, `/responses/${id}/returns/manifests/new`);
		await page.getByLabel('Plate').fill('BMC 2A-DATE');
		await page.getByLabel('Destination province').selectOption('KH14');
		await page.getByLabel('Planned departure').fill(`${inDays(400)}T08:00`);
		await page.getByRole('button', { name: 'Create' }).click();
		await expect(page.getByText(/^More than a year ahead/)).toBeVisible();
		await page.getByLabel('Planned departure').fill('2014-08-15T08:00');
		await page.getByRole('button', { name: 'Create' }).click();
		await expect(page.getByText('After the response ended (2014-07-31).')).toBeVisible();
		await page.getByLabel('Planned departure').fill('2014-06-26T08:00');
		await page.getByRole('button', { name: 'Create' }).click();
		await expect(page).toHaveURL(/\/returns\/manifests\/\d+$/);
		await page.getByLabel('When').fill(`${inDays(3)}T08:00`);
		await page.getByRole('button', { name: 'Start boarding' }).click();
		await expect(page.getByText(/^This time is in the future/)).toBeVisible();
		await expect(page.getByTestId('manifest-status')).toHaveText('Draft');
	});

	test('a population count dated a year ahead is refused, and a re-post saves the count once', async ({
		page
	}) => {
		await signInAs(page, 'coordinator');
		const id = await newResponse(page, `Count dates ${tag()}`, '2020-10-01');
		await newSite(page, id, `Count dates school ${tag()}`);
		const history = page.getByTestId('population-history').locator('tbody tr[data-count]');
		await expect(history).toHaveCount(0);
		await page.getByLabel('As of').fill(`${inDays(365)}T08:00`);
		await page.getByLabel('Female, 18–59', { exact: true }).fill('17');
		await page.getByRole('button', { name: 'Save the count' }).click();
		await expect(page.getByText(/^This time is in the future/)).toBeVisible();
		await expect(history).toHaveCount(0);

		await page.getByLabel('As of').fill('2020-12-30T08:00');
		const posted = page.waitForRequest((r) => r.method() === 'POST');
		await page.getByRole('button', { name: 'Save the count' }).click();
		await expect(page.getByText('Saved. The latest count is the current occupancy.')).toBeVisible();
		expect((await repost(page, await posted)).status()).toBe(200);
		await page.reload();
		await expect(history).toHaveCount(1);
		await expect(page.getByTestId('site-persons')).toHaveText('17');
	});

	test('a completed activity cannot end next month, a sitrep is not as of next year, a response does not begin ahead', async ({
		page
	}) => {
		await signInAs(page, 'coordinator');
		const id = await responseId(page, 'flood');
		await open(page, `/responses/${id}/shelter/activities/new`);
		await page.getByLabel('Province').selectOption('KH02');
		await page.getByLabel('Status').selectOption('completed');
		await page.getByLabel('Start date').fill('2020-10-20');
		await page.getByLabel('End date').fill(inDays(30));
		await page.getByRole('button', { name: 'Save', exact: true }).click();
		await expect(
			page.getByText(
				`A completed activity cannot end in the future: today is ${today} in Cambodia.`
			)
		).toBeVisible();

		await open(page, '/responses/new');
		await page.getByLabel('Name').fill(`Storm ${Date.now()}`);
		await page.getByLabel('Start date').fill(inDays(10));
		await page.getByRole('button', { name: 'Create' }).click();
		await expect(page.getByText(FUTURE)).toBeVisible();
		await expectAccessible(page);

		// A response of its own (a storm: tests that look up "the flood" must not find it), whose
		// first report is free to start whatever other tests did.
		await page.getByLabel('Kind').selectOption('storm');
		await page.getByLabel('Start date').fill(inDays(-3));
		await page.getByRole('button', { name: 'Create' }).click();
		await expect(page).toHaveURL(/\/responses\/\d+$/);
		const storm = page.url().match(/\/responses\/(\d+)$/)![1];
		await open(page, `/responses/${storm}/sitreps/new`);
		await page.getByLabel('As of (Cambodia time)').fill(`${inDays(365)}T18:00`);
		await page.getByRole('button', { name: 'Save draft' }).click();
		await expect(page.getByText(FUTURE)).toBeVisible();
	});

	test('the phone says a day is outside the response before the outbox keeps it, offline too', async ({
		browser
	}) => {
		const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		await signInAs(page, 'field');
		const id = await responseId(page, 'flood');
		await open(page, `/responses/${id}/assessments/new`);
		await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
		await expect(page.getByText('Within the response: 1 Oct 2020 to 31 Dec 2020.')).toBeVisible();
		await context.setOffline(true);
		await page.getByLabel('Date observed').fill('2020-09-15');
		await page.getByRole('button', { name: 'Save to outbox' }).click();
		await expect(page.getByText('Before the response began (2020-10-01).')).toBeVisible();
		await page.getByLabel('Date observed').fill('2021-01-05');
		await page.getByRole('button', { name: 'Save to outbox' }).click();
		await expect(page.getByText('After the response ended (2020-12-31).')).toBeVisible();
		await expect(page.getByTestId('outbox-empty')).toBeVisible();
		await context.close();
	});
});

test.describe('people who crossed', () => {
	test('a transit centre’s count is shown apart and never raises the people who crossed', async ({
		page
	}) => {
		await signInAs(page, 'coordinator');
		// A response of its own: nobody crossed in it but whom this test counts.
		const id = await newResponse(page, `Transit ${Date.now()}`);
		await switchTo(page, 'field');
		await open(page, `/responses/${id}/returns/tallies/new`);
		await page.getByLabel('Crossing point or transit centre').selectOption({ label: 'Poipet' });
		await page.getByLabel('Date').fill('2014-06-24');
		await page.getByLabel('Female, 18–59', { exact: true }).fill('40');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Saved: 40 people.')).toBeVisible();
		const crossed = 40;

		await open(page, `/responses/${id}/returns/tallies/new`);
		await page.getByLabel('Crossing point or transit centre').selectOption({ label: 'Poipet' });
		await expect(page.getByTestId('count-kind')).toHaveText(
			'A border crossing count: these people add to the total of people who crossed.'
		);
		await expect(
			page.getByRole('group', { name: 'People crossing the border here' })
		).toBeVisible();
		await page
			.getByLabel('Crossing point or transit centre')
			.selectOption({ label: 'Poipet Transit Centre' });
		await expect(page.getByTestId('count-kind')).toContainText(
			'A transit or reception centre count'
		);
		await expect(page.getByRole('group', { name: 'People arriving at this centre' })).toBeVisible();
		await page.getByLabel('Date').fill('2014-06-25');
		await page.getByLabel('Male, 18–59', { exact: true }).fill('100');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Saved: 100 people.')).toBeVisible();

		await page.goto(`/responses/${id}/returns`);
		expect(num(await page.getByTestId('arrivals-total').textContent())).toBe(crossed);
		await expect(page.getByTestId('transit')).toContainText('Poipet Transit Centre');
	});

	test('are the destinations plus “destination not recorded”, the same on the dashboard, the reconciliation and in arrivals.csv', async ({
		page
	}) => {
		await signInAs(page, 'coordinator');
		const id = await responseId(page, 'mass_return');
		await page.goto(`/responses/${id}/returns`);
		const crossed = num(await page.getByTestId('arrivals-total').textContent());
		const lines = await page
			.getByTestId('destinations')
			.locator('tbody tr td.num')
			.allTextContents();
		const notRecorded = num(await page.getByTestId('not-recorded').locator('td.num').textContent());
		// The demo's seeded figures: no e2e test writes into the demo's mass return.
		expect([crossed, notRecorded]).toEqual([233_500, 11_080]);
		expect(lines.map(num).reduce((a, b) => a + b, 0)).toBe(crossed);

		await page.goto(`/responses/${id}/returns/reconciliation`);
		await expect(page.locator('.stat').first()).toContainText(crossed.toLocaleString('en'));
		await expect(page.getByTestId('not-recorded').locator('td').nth(1)).toHaveText(
			notRecorded.toLocaleString('en')
		);

		const file = await page.request.get(`/api/v1/export/arrivals.csv?responseId=${id}`);
		const [header, , ...rows] = parse(await file.text(), { bom: true }) as string[][];
		const total = (column: string) =>
			rows.reduce((s, r) => s + Number(r[header.indexOf(column)] || 0), 0);
		expect(total('Arrived persons')).toBe(crossed);
		expect(total('Destination not recorded')).toBe(notRecorded);
	});
});

test('a manifest leaving at 06:00 is on that day in the export; another organisation’s team marks empty seats, the owner sees who is missing', async ({
	page
}) => {
	const id = await ownResponse(page, 'Seats', 'partner');
	const plate = `SEATS ${Date.now()}`;
	await open(page, `/responses/${id}/returns/manifests/new`);
	await page.getByLabel('Plate').fill(plate);
	await page.getByLabel('Seats').fill('5');
	await page.getByLabel('Destination province').selectOption('KH14');
	await page.getByLabel('Planned departure').fill('2014-06-26T05:30');
	await page.getByLabel('Passengers').selectOption('named');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(/\/returns\/manifests\/\d+$/);
	const manifestUrl = new URL(page.url()).pathname;
	const name = page.getByLabel('Name', { exact: true });
	for (const [who, sex, age] of [
		['Sok Dara', 'm', '34'],
		['Chan Bopha', 'f', '29'],
		['Keo Vanna', 'f', '7']
	]) {
		await name.fill(who);
		await page.getByLabel('Sex', { exact: true }).selectOption(sex);
		await page.getByLabel('Age', { exact: true }).fill(age);
		await page.getByLabel('Age', { exact: true }).press('Enter');
		await expect(page.getByTestId('passengers')).toContainText(who);
	}
	await page.getByLabel('When').fill('2014-06-26T05:45');
	await page.getByRole('button', { name: 'Start boarding' }).click();
	await expect(page.getByTestId('manifest-status')).toHaveText('Boarding');
	// 06:00 in Cambodia is 23:00 UTC the day before.
	await page.getByLabel('When').fill('2014-06-26T06:00');
	await page.getByRole('button', { name: 'Departed' }).click();
	await expect(page.getByTestId('manifest-status')).toHaveText('Departed');

	const file = await page.request.get(`/api/v1/export/manifests.csv?responseId=${id}&pcode=KH14`);
	const [header, , ...rows] = parse(await file.text(), { bom: true }) as string[][];
	const row = rows.find((r) => r[header.indexOf('Number plate')] === plate)!;
	expect(row[header.indexOf('Departed at')]).toBe('2014-06-26T06:00:00+07:00');
	expect(row[header.indexOf('Departed on')]).toBe('2014-06-26');
	const code = row[header.indexOf('Manifest code')];
	const xlsx = await page.request.get(`/api/v1/export/manifests.xlsx?responseId=${id}&pcode=KH14`);
	const book = new ExcelJS.Workbook();
	await book.xlsx.load((await xlsx.body()) as never);
	const sheet = book.worksheets[0];
	const heads = (sheet.getRow(1).values as unknown[]).slice(1);
	let departed: unknown;
	sheet.eachRow((r) => {
		const values = (r.values as unknown[]).slice(1);
		if (values[heads.indexOf('Number plate')] === plate)
			departed = values[heads.indexOf('Departed at')];
	});
	// A date cell showing Cambodia's clock: 26 June, 06:00.
	expect((departed as Date).toISOString()).toBe('2014-06-26T06:00:00.000Z');
	// The reconciliation counts it on the same day, and leads to it.
	await page.goto(
		`/responses/${id}/returns/reconciliation?pcode=KH14&from=2014-06-26&to=2014-06-26`
	);
	await page.getByTestId('recon').getByRole('link').first().click();
	await expect(page).toHaveURL(/departedOn=2014-06-26/);
	await expect(page.getByRole('row').filter({ hasText: code })).toHaveCount(1);

	// People in Need's team receives Cambodian Red Cross's bus: seats, never names.
	await switchTo(page, 'partner2');
	await open(page, manifestUrl);
	await expect(page.getByTestId('names-hidden')).toBeVisible();
	await expect(page.getByText('Chan Bopha')).toHaveCount(0);
	const arrival = page.locator('#arrival');
	await expect(arrival.getByTestId('missing-seats')).toContainText('Seat 2 · Female · 18–59');
	await arrival.getByLabel('When').fill('2014-06-26T15:00');
	await arrival.getByRole('checkbox', { name: /^Seat 2 / }).check();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Confirm arrival' }).click();
	await expect(page.getByTestId('manifest-status')).toHaveText('Arrived');
	await expect(page.getByTestId('manifest-received')).toHaveText('2');
	await expect(page.getByTestId('seats-missing')).toHaveText('Did not arrive: seats 2.');

	// The owner sees who is missing on the page, in the API and in passengers.csv.
	await switchTo(page, 'partner');
	await open(page, manifestUrl);
	await expect(page.getByTestId('passengers')).toContainText('Chan Bopha (Missing)');
	const api = await page.request.get(`/api/v1/returns/manifests/${manifestUrl.split('/').pop()}`);
	const { data } = (await api.json()) as {
		data: { passengerList: { name: string; arrived: boolean }[] };
	};
	expect(data.passengerList.map((p) => [p.name, p.arrived])).toEqual([
		['Sok Dara', true],
		['Chan Bopha', false],
		['Keo Vanna', true]
	]);
	const passengers = await page.request.get(`/api/v1/export/passengers.csv?responseId=${id}`);
	const [head, , ...list] = parse(await passengers.text(), { bom: true }) as string[][];
	const ours = list.filter((r) => r[head.indexOf('Manifest code')] === code);
	expect(ours.map((r) => [r[head.indexOf('Name')], r[head.indexOf('Arrived')]])).toEqual([
		['Sok Dara', 'true'],
		['Chan Bopha', 'false'],
		['Keo Vanna', 'true']
	]);
});
