import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import {
	departManifest,
	expectAccessible,
	massReturnId,
	newResponse,
	open,
	signInAs,
	switchTo,
	tag
} from './helpers';

/** Reads the QR image's pixels in the page and decodes them here. */
async function decodeQr(page: Page): Promise<string> {
	const img = page.locator('figure img');
	await expect(img).toBeVisible();
	const pixels = await img.evaluate(async (el: HTMLImageElement) => {
		await el.decode();
		const canvas = document.createElement('canvas');
		canvas.width = el.naturalWidth;
		canvas.height = el.naturalHeight;
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('no 2d canvas');
		ctx.drawImage(el, 0, 0);
		const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
		return { data: Array.from(data.data), width: data.width, height: data.height };
	});
	const code = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
	if (!code) throw new Error('no QR code found in the image');
	return code.data;
}

test.describe('mass return', () => {
	test('a field user counts arrivals on a phone', async ({ browser }) => {
		const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		await signInAs(page, 'coordinator');
		const id = await newResponse(page, `Phone count ${tag()}`);
		await switchTo(page, 'field');
		await open(page, `/responses/${id}/returns/tallies/new`);
		await expectAccessible(page);
		await page.getByLabel('Crossing point or transit centre').selectOption({ label: 'Poipet' });
		await page.getByLabel('Date').fill('2014-06-26');
		await page.getByLabel('Shift').selectOption('evening');
		await page.getByLabel('Female, 18–59', { exact: true }).fill('40');
		await page.getByLabel('Male, 18–59', { exact: true }).fill('60');
		await page.getByLabel('Male, 6–17', { exact: true }).fill('7');
		await page.getByLabel('Suspected trafficking, referred to protection').fill('2');
		await page.getByRole('button', { name: 'Add a province' }).click();
		await page.getByLabel('Province').selectOption('KH03');
		await page.getByLabel('Persons', { exact: true }).fill('200');
		await page.getByRole('button', { name: 'Save' }).click();
		// More people going somewhere than were counted: refused at the field, nothing saved.
		await expect(
			page.getByText('The destinations add up to 200, more than the 107 people counted.')
		).toBeVisible();
		await page.getByLabel('Persons', { exact: true }).fill('90');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Saved: 107 people.')).toBeVisible();
		// No horizontal scrolling on the phone.
		const wide = await page.evaluate(
			() => document.documentElement.scrollWidth > window.innerWidth + 1
		);
		expect(wide).toBe(false);

		await page.goto(`/responses/${id}/returns/tallies`);
		const row = page
			.getByRole('row')
			.filter({ hasText: '26 Jun 2014' })
			.filter({ hasText: 'Evening' });
		await expect(row).toContainText('107');
		await context.close();
	});

	test('a manifest goes from draft to arrived, through its printed QR code', async ({
		page,
		browser
	}) => {
		// A response of its own: this manifest moves none of the demo's dispatched or arrived.
		await signInAs(page, 'coordinator');
		const id = await newResponse(page, `QR manifest ${tag()}`);
		await switchTo(page, 'field');
		await open(page, `/responses/${id}/returns/manifests/new`);
		await page.getByLabel('Plate').fill('BMC 2A-9999');
		await page.getByLabel('Seats').fill('2');
		await page.getByLabel('Destination province').selectOption('KH14');
		await page.getByLabel('Planned departure').fill('2014-06-26T08:00');
		await page.getByLabel('Passengers').selectOption('named');
		await page.getByRole('button', { name: 'Create' }).click();
		await expect(page).toHaveURL(/\/returns\/manifests\/\d+$/);
		const manifestUrl = new URL(page.url()).pathname;
		await expect(page.getByTestId('manifest-status')).toHaveText('Draft');
		// Times are Cambodia's, whatever the browser's zone.
		await expect(page.locator('.details')).toContainText('26 Jun 2014, 08:00');

		// Keyboard entry: Enter adds the passenger and the cursor is back in the name field.
		const name = page.getByLabel('Name', { exact: true });
		await name.fill('Sok Dara');
		await page.getByLabel('Age', { exact: true }).fill('34');
		await page.getByLabel('Age', { exact: true }).press('Enter');
		await expect(page.getByTestId('passengers')).toContainText('Sok Dara');
		await expect(name).toBeFocused();
		await name.fill('Chan Bopha');
		await page.getByLabel('Sex', { exact: true }).selectOption('f');
		await page.getByLabel('Age', { exact: true }).fill('29');
		await page.getByLabel('Age', { exact: true }).press('Enter');
		await expect(page.getByTestId('passengers')).toContainText('Chan Bopha');
		await expect(page.getByTestId('manifest-load')).toHaveText('2 of 2 seats');
		await expectAccessible(page);
		// A third passenger does not fit.
		await name.fill('Keo Vanna');
		await page.getByLabel('Age', { exact: true }).fill('40');
		await page.getByLabel('Age', { exact: true }).press('Enter');
		await expect(page.getByText('3 people is more than the vehicle carries (2).')).toBeVisible();
		await expect(page.getByTestId('passengers')).not.toContainText('Keo Vanna');

		// Arriving before departing is not offered; the moves go in order.
		await expect(page.getByRole('button', { name: 'Confirm arrival' })).toHaveCount(0);
		await departManifest(page);

		// The printed page carries the code and a QR code that opens the arrival confirmation.
		await page.goto(`${manifestUrl}/print`);
		const code = (await page.getByTestId('print-code').textContent())?.trim();
		expect(code).toMatch(/^RT-/);
		await expect(page.getByText('Sok Dara')).toBeVisible();
		const scanned = await decodeQr(page);
		const url = new URL(scanned);
		expect(url.pathname).toBe('/verify');
		expect(url.searchParams.get('c')?.startsWith(`${code}.`)).toBe(true);

		// A tampered code is refused.
		const payload = url.searchParams.get('c') ?? '';
		const forged = `${code?.slice(0, -1)}${code?.endsWith('A') ? 'B' : 'A'}${payload.slice(code?.length ?? 0)}`;
		await page.goto(`/verify?c=${encodeURIComponent(forged)}`);
		await expect(page.getByTestId('verify-forged')).toBeVisible();
		const badSignature = `${payload.slice(0, -2)}${payload.endsWith('xx') ? 'yy' : 'xx'}`;
		await page.goto(`/verify?c=${encodeURIComponent(badSignature)}`);
		await expect(page.getByTestId('verify-forged')).toBeVisible();

		// The genuine one opens the manifest's arrival confirmation.
		await page.goto(url.pathname + url.search);
		await expect(page).toHaveURL(new RegExp(`${manifestUrl}#arrival$`));
		await page.locator('#arrival').getByLabel('When').fill('2014-06-26T15:00');
		await page.locator('#arrival').getByLabel('Chan Bopha').check();
		await page.getByRole('button', { name: 'Confirm arrival' }).click();
		await expect(page.getByTestId('manifest-status')).toHaveText('Arrived');
		await expect(page.getByTestId('manifest-received')).toHaveText('1');
		await expect(page.getByTestId('passengers')).toContainText(/Chan Bopha\s*\(Missing\)/);

		// Nothing moves an arrived manifest again.
		await expect(page.getByRole('button', { name: 'Cancel manifest' })).toHaveCount(0);

		// A partner of another organisation sees the counts, not the names.
		const other = await browser.newContext();
		const partner = await other.newPage();
		await signInAs(partner, 'partner');
		await partner.goto(manifestUrl);
		await expect(partner.getByTestId('names-hidden')).toBeVisible();
		await expect(partner.getByTestId('manifest-load')).toHaveText('2 of 2 seats');
		await expect(partner.getByText('Sok Dara')).toHaveCount(0);
		await partner.goto(`${manifestUrl}/print`);
		await expect(partner.getByText('Sok Dara')).toHaveCount(0);
		const api = await partner.request.get(
			`/api/v1/returns/manifests/${manifestUrl.split('/').pop()}`
		);
		const body = (await api.json()) as { data: { names: boolean; passengerList: unknown[] } };
		expect(body.data).toMatchObject({ names: false, passengerList: [] });
		await other.close();
	});

	test('the reconciliation shows the gaps and leads to the manifests', async ({ page }) => {
		await signInAs(page, 'viewer');
		const id = await massReturnId(page);
		await page.goto(
			`/responses/${id}/returns/reconciliation?pcode=KH03&from=2014-06-13&to=2014-06-13`
		);
		const table = page.getByTestId('recon');
		await expect(table.getByRole('row')).toHaveCount(2);
		await table.getByRole('link').first().click();
		await expect(page).toHaveURL(/manifests\?pcode=KH03&departedOn=2014-06-13/);
		await expect(page.getByRole('row').nth(1)).toContainText('RT-2014-');
	});
});

test.describe('mass return overview', () => {
	test('the arrivals dashboard charts the return, and coordinators manage crossing points', async ({
		page
	}) => {
		await signInAs(page, 'coordinator');
		// A response of its own: its total is exactly what this test counted.
		const id = await newResponse(page, `Dashboard ${tag()}`);
		for (const [day, place, women, men] of [
			['2014-06-24', 'Poipet', '120', '80'],
			['2014-06-25', 'Poipet', '30', '45'],
			['2014-06-25', 'Poipet Transit Centre', '500', '500']
		]) {
			await open(page, `/responses/${id}/returns/tallies/new`);
			await page.getByLabel('Crossing point or transit centre').selectOption({ label: place });
			await page.getByLabel('Date').fill(day);
			await page.getByLabel('Female, 18–59', { exact: true }).fill(women);
			await page.getByLabel('Male, 18–59', { exact: true }).fill(men);
			await page.getByRole('button', { name: 'Save' }).click();
			// Grouped as every other figure: "Saved: 1,000 people."
			const persons = (Number(women) + Number(men)).toLocaleString('en-US');
			await expect(page.getByText(`Saved: ${persons} people.`)).toBeVisible();
		}
		await page.goto(`/responses/${id}/returns`);
		// 200 and 75 crossed at Poipet; the transit centre's 1,000 crossed already, not again.
		await expect(page.getByTestId('arrivals-total')).toHaveText('275');
		await expect(
			page.getByRole('img', { name: 'Arrivals per day by crossing point' })
		).toBeVisible();
		await expect(page.locator('svg rect').first()).toBeVisible();
		await expectAccessible(page);

		// Places are shared by every response: a transit centre, which no dashboard lists before it
		// has counts, so no other test's list of crossing points (nor the demo's) gains a place.
		await open(page, `/responses/${id}/returns/locations`);
		const place = `Stung Bot ${tag()}`;
		await page.getByLabel('Kind').selectOption('transit_centre');
		await page.getByLabel('Name in English').fill(place);
		await page.getByLabel('Name in Khmer').fill('ស្ទឹងបត់');
		await page.getByLabel('Longitude').fill('102.61');
		await page.getByLabel('Latitude').fill('13.58');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('row').filter({ hasText: place })).toBeVisible();
		// The counting form offers it among the centres, not the crossing points.
		await open(page, `/responses/${id}/returns/tallies/new`);
		const groups = page.getByLabel('Crossing point or transit centre').locator('optgroup');
		await expect(groups.last().locator('option', { hasText: place })).toHaveCount(1);
		await expect(groups.first().locator('option', { hasText: place })).toHaveCount(0);
		await page.goto(`/responses/${id}/returns`);
		await expect(page.getByTestId('point-total').filter({ hasText: place })).toHaveCount(0);

		// Taken out of use, it is no longer offered for counting.
		await open(page, `/responses/${id}/returns/locations`);
		await page.getByRole('row').filter({ hasText: place }).getByRole('link').click();
		await expect(page.getByLabel('Name in English')).toHaveValue(place);
		await page.getByLabel('In use').uncheck();
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('row').filter({ hasText: place })).not.toContainText('✓');
		await open(page, `/responses/${id}/returns/tallies/new`);
		await expect(
			page.getByLabel('Crossing point or transit centre').locator('option', { hasText: place })
		).toHaveCount(0);
	});
});
