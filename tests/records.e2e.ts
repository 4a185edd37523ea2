/**
 * What users change or take away after making it: a response edited, closed and reopened; a
 * manifest edited and a passenger removed; the manifest list's filters; a draft activity
 * deleted; a part taken out of a kit; catalogue entries deleted; a site edited. Each test makes the records it changes, in
 * a response of its own.
 */
import { expect, test } from '@playwright/test';
import {
	cambodiaToday,
	departManifest,
	expectAccessible,
	newManifest,
	newResponse,
	open,
	signInAs,
	switchTo,
	tag
} from './helpers';

test('a coordinator edits a response, closes it and opens it again', async ({ page }) => {
	await signInAs(page, 'coordinator');
	const name = `Records storm ${tag()}`;
	const id = await newResponse(page, name);
	await expect(page.getByText('ongoing')).toBeVisible();

	await page.getByRole('link', { name: 'Edit' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${id}/edit$`));
	await expect(page.getByLabel('Name')).toHaveValue(name);
	await expectAccessible(page);
	await page.getByLabel('Name').fill(`${name} (renamed)`);
	await page.getByLabel('Description').fill('Wind damage along the Sangkae river.');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${id}$`));
	await expect(page.getByRole('heading', { level: 1, name: `${name} (renamed)` })).toBeVisible();
	await expect(page.getByText('Wind damage along the Sangkae river.')).toBeVisible();

	await page.getByRole('button', { name: 'Close response' }).click();
	await expect(page.getByRole('button', { name: 'Reopen response' })).toBeVisible();
	await expect(page.getByText('Closed', { exact: true })).toBeVisible();
	// Closing ends it today (Cambodia's day), as the list says too.
	await expect(page.getByText('ongoing')).toHaveCount(0);
	const today = new Date(`${cambodiaToday()}T00:00:00Z`);
	await expect(page.getByText(String(today.getUTCFullYear())).last()).toBeVisible();
	await page.goto('/responses');
	await expect(page.getByRole('row').filter({ hasText: `${name} (renamed)` })).toContainText(
		'Closed'
	);

	await page.goto(`/responses/${id}`);
	await page.getByRole('button', { name: 'Reopen response' }).click();
	await expect(page.getByRole('button', { name: 'Close response' })).toBeVisible();
	await expect(page.getByText('Active', { exact: true })).toBeVisible();
	await page.goto('/responses');
	await expect(page.getByRole('row').filter({ hasText: `${name} (renamed)` })).toContainText(
		'Active'
	);
});

test('a passenger is removed from a loading manifest, and the edit page changes the manifest', async ({
	page
}) => {
	await signInAs(page, 'coordinator');
	const response = await newResponse(page, `Records manifests ${tag()}`);
	const plate = `RM ${tag()}`;
	const path = await newManifest(page, response, {
		plate,
		province: 'KH14',
		names: ['Keo Dara', 'Sok Lina']
	});
	await expect(page.getByTestId('manifest-load')).toHaveText('2 of 4 seats');

	await page
		.getByRole('row')
		.filter({ hasText: 'Keo Dara' })
		.getByRole('button', { name: 'Remove' })
		.click();
	await expect(page.getByTestId('passengers')).not.toContainText('Keo Dara');
	await expect(page.getByTestId('passengers')).toContainText('Sok Lina');
	await expect(page.getByTestId('manifest-load')).toHaveText('1 of 4 seats');
	await page.reload();
	await expect(page.getByTestId('passengers')).not.toContainText('Keo Dara');

	await page.getByRole('link', { name: 'Edit' }).click();
	await expect(page).toHaveURL(`${path}/edit`);
	await expect(page.getByLabel('Plate')).toHaveValue(plate);
	await expectAccessible(page);
	await page.getByLabel('Plate').fill(`${plate} B`);
	await page.getByLabel('Seats').fill('6');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page).toHaveURL(path);
	await expect(page.getByText(`${plate} B`)).toBeVisible();
	await expect(page.getByTestId('manifest-load')).toHaveText('1 of 6 seats');
});

test('the manifest list filters by status, destination and day of departure', async ({ page }) => {
	await signInAs(page, 'coordinator');
	const response = await newResponse(page, `Records filters ${tag()}`);
	const gone = `RF ${tag()}`;
	const waiting = `RW ${tag()}`;
	await newManifest(page, response, { plate: gone, province: 'KH14', names: ['Chan Thy'] });
	await departManifest(page);
	await newManifest(page, response, { plate: waiting, province: 'KH03', names: ['Lim Nary'] });

	const list = `/responses/${response}/returns/manifests`;
	const shown = async (query: string) => {
		await open(page, `${list}${query}`);
		const rows = page.getByRole('row').filter({ hasText: /R[FW] \d/ });
		return (await rows.allInnerTexts()).map((t) => (t.includes(gone) ? gone : waiting)).sort();
	};
	expect(await shown('')).toEqual([gone, waiting].sort());
	expect(await shown('?status=departed')).toEqual([gone]);
	expect(await shown('?status=draft')).toEqual([waiting]);
	expect(await shown('?pcode=KH03')).toEqual([waiting]);
	expect(await shown('?departedOn=2014-06-26')).toEqual([gone]);
	expect(await shown('?departedOn=2014-06-27')).toEqual([]);

	// As a user sets them: the form puts the filter in the address.
	await open(page, list);
	await page.getByLabel('Status').selectOption('departed');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/status=departed/);
	await expect(page.getByRole('row').filter({ hasText: gone })).toBeVisible();
	await expect(page.getByRole('row').filter({ hasText: waiting })).toHaveCount(0);
});

test('a partner deletes a draft activity, and it is gone from the list and its address', async ({
	page
}) => {
	await signInAs(page, 'coordinator');
	const response = await newResponse(page, `Records activities ${tag()}`, '2020-10-01');
	await switchTo(page, 'partner');
	const donor = `Deleted donor ${tag()}`;
	await open(page, `/responses/${response}/shelter/activities/new`);
	await page
		.getByRole('combobox', { name: 'Activity', exact: true })
		.selectOption('nfi_distribution');
	await page.getByLabel('Donor').fill(donor);
	await page.getByLabel('Province').selectOption('KH02');
	await page.getByLabel('District').selectOption('KH0201');
	await page.getByLabel('Start date').fill('2020-10-20');
	await page.getByLabel('Households targeted').fill('50');
	await page.getByLabel('Households reached').fill('40');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page).toHaveURL(/\/shelter\/activities\/\d+$/);
	const url = page.url();
	// The response is the test's own: its one activity is this draft.
	const activities = page
		.getByRole('row')
		.filter({ has: page.getByRole('link', { name: 'NFI distribution' }) });
	await open(page, `/responses/${response}/shelter/activities?reviewState=all`);
	await expect(activities).toHaveCount(1);
	await expect(activities).toContainText('40 / 50');

	await open(page, url);
	await page.getByRole('button', { name: 'Delete the draft' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses/${response}/shelter/activities$`));
	await open(page, `/responses/${response}/shelter/activities?reviewState=all`);
	await expect(page.getByRole('link', { name: 'Report an activity' })).toBeVisible();
	await expect(activities).toHaveCount(0);
	expect((await page.goto(url))?.status()).toBe(404);
});

test('a part taken out of a kit is gone from the catalogue', async ({ page }) => {
	await signInAs(page, 'coordinator');
	await open(page, '/shelter/catalogue');
	const code = `RKIT${tag()}`;
	await page.getByLabel('Kind').selectOption('kit');
	await page.getByLabel('Code').fill(code);
	await page.getByLabel('Name (English)').fill('Records test kit');
	await page.getByLabel('Name (Khmer)').fill('កញ្ចប់សាកល្បង');
	await page.getByRole('textbox', { name: 'Unit', exact: true }).fill('kit');
	const item = async (n: number, itemCode: string, quantity: string) => {
		const select = page.getByLabel(`Item ${n}`);
		const value = await select
			.locator('option', { hasText: `${itemCode} ·` })
			.getAttribute('value');
		await select.selectOption(value ?? '');
		await page.getByLabel(`Quantity ${n}`).fill(quantity);
	};
	await page.getByRole('button', { name: 'Add a line' }).click();
	await page.getByRole('button', { name: 'Add a line' }).click();
	await item(1, 'TARP', '2');
	await item(2, 'BUCKET', '1');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText(`${code} saved.`)).toBeVisible();
	const row = page.getByTestId('catalogue').getByRole('row').filter({ hasText: code });
	await expect(row).toContainText('2 × TARP, 1 × BUCKET');

	await row.getByRole('link', { name: 'Edit' }).click();
	// The form saves onto this entry only once the page has become its edit page.
	await expect(page.getByRole('heading', { name: `Edit ${code}` })).toBeVisible();
	await expect(page.getByLabel('Code')).toHaveValue(code);
	await page.getByRole('button', { name: 'Remove' }).first().click();
	await expect(page.getByLabel('Item 2')).toHaveCount(0);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText(`${code} saved.`)).toBeVisible();
	await open(page, '/shelter/catalogue');
	await expect(
		page.getByTestId('catalogue').getByRole('row').filter({ hasText: code })
	).toContainText(/^(?![\s\S]*TARP)[\s\S]*1 × BUCKET/);
});

test('a catalogue entry nothing uses is deleted; one a kit lists is refused, saying where', async ({
	page
}) => {
	await signInAs(page, 'coordinator');
	const item = `RITEM${tag()}`;
	const kit = `RKITD${tag()}`;
	const create = async (kind: 'item' | 'kit', code: string) => {
		await open(page, '/shelter/catalogue');
		await page.getByLabel('Kind').selectOption(kind);
		await page.getByLabel('Code').fill(code);
		await page.getByLabel('Name (English)').fill(`Records ${kind}`);
		await page.getByLabel('Name (Khmer)').fill('សម្ភារៈសាកល្បង');
		await page.getByRole('textbox', { name: 'Unit', exact: true }).fill('piece');
		if (kind === 'kit') {
			await page.getByRole('button', { name: 'Add a line' }).click();
			const select = page.getByLabel('Item 1');
			const value = await select.locator('option', { hasText: `${item} ·` }).getAttribute('value');
			await select.selectOption(value ?? '');
			await page.getByLabel('Quantity 1').fill('3');
		}
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText(`${code} saved.`)).toBeVisible();
	};
	await create('item', item);
	await create('kit', kit);
	// The kit's row names the item among its parts: a row is found by its own code.
	const row = (code: string) =>
		page
			.getByTestId('catalogue')
			.getByRole('row')
			.filter({ has: page.getByRole('cell', { name: code, exact: true }) });
	const edit = async (code: string) => {
		await open(page, '/shelter/catalogue');
		await row(code).getByRole('link', { name: 'Edit' }).click();
		await expect(page.getByLabel('Code')).toHaveValue(code);
	};

	// Cancelling the confirmation deletes nothing.
	await edit(item);
	page.once('dialog', (d) => d.dismiss());
	await page.getByRole('button', { name: `Delete ${item}` }).click();
	await open(page, '/shelter/catalogue');
	await expect(row(item)).toHaveCount(1);

	await edit(item);
	await expectAccessible(page);
	page.once('dialog', (d) => {
		expect(d.message()).toBe(`Delete ${item} from the catalogue? This cannot be undone.`);
		void d.accept();
	});
	await page.getByRole('button', { name: `Delete ${item}` }).click();
	await expect(
		page.getByText(`${item} cannot be deleted while it is used: in the kits ${kit}.`)
	).toBeVisible();
	await open(page, '/shelter/catalogue');
	await expect(row(item)).toHaveCount(1);

	for (const code of [kit, item]) {
		await edit(code);
		page.once('dialog', (d) => d.accept());
		await page.getByRole('button', { name: `Delete ${code}` }).click();
		await expect(page.getByText(`${code} deleted.`)).toBeVisible();
		await expect(row(code)).toHaveCount(0);
	}
});

test('a site’s edit page changes what its page shows', async ({ page }) => {
	await signInAs(page, 'coordinator');
	const response = await newResponse(page, `Records sites ${tag()}`, '2020-10-01');
	const name = `Records pagoda ${tag()}`;
	await open(page, `/responses/${response}/shelter/sites/new`);
	await page.getByLabel('Name (English)').fill(name);
	await page.getByLabel('Name (Khmer)').fill('វត្តសាកល្បង');
	await page.getByLabel('Latitude').fill('13.1');
	await page.getByLabel('Longitude').fill('103.2');
	await page.getByLabel('Capacity (persons)').fill('80');
	await page.getByLabel('Covered living area (m²)').fill('200');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	await expect(page.getByRole('main')).toContainText('/ 80');
	const path = new URL(page.url()).pathname;

	await page.getByRole('link', { name: 'Edit' }).click();
	await expect(page).toHaveURL(`${path}/edit`);
	await expect(page.getByLabel('Name (English)')).toHaveValue(name);
	await expectAccessible(page);
	await page.getByLabel('Name (English)').fill(`${name} hall`);
	await page.getByLabel('Capacity (persons)').fill('125');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page).toHaveURL(path);
	await expect(page.getByRole('heading', { level: 1, name: `${name} hall` })).toBeVisible();
	await expect(page.getByRole('main')).toContainText('/ 125');
	await expect(page.getByRole('main')).not.toContainText('/ 80');
});
