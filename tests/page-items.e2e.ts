import { expect, test } from '@playwright/test';
import {
	departManifest,
	expectAccessible,
	massReturnId,
	newManifest,
	newResponse,
	open,
	signInAs,
	switchTo,
	tag
} from './helpers';

test.describe('the manifest page', () => {
	test('a refusal goes when another of the page’s forms succeeds', async ({ page }) => {
		await signInAs(page, 'field');
		await newManifest(page, await massReturnId(page), {
			plate: `MSG ${tag()}`,
			province: 'KH14',
			names: ['Chan Dara']
		});
		await page.getByLabel('When').fill('2099-01-01T09:00');
		await page.getByRole('button', { name: 'Start boarding' }).click();
		const refused = page.locator('#status-at-error');
		await expect(refused).toContainText('This time is in the future');
		await expect(page.getByLabel('When')).toHaveAttribute('aria-invalid', 'true');

		await page.getByLabel('Name', { exact: true }).fill('Chan Sokha');
		await page.getByLabel('Age', { exact: true }).fill('12');
		await page.getByRole('button', { name: 'Add passenger' }).click();
		await expect(page.getByTestId('passengers')).toContainText('Chan Sokha');
		await expect(refused).toHaveCount(0);
		await expect(page.getByLabel('When')).not.toHaveAttribute('aria-invalid', 'true');
		await expectAccessible(page);
	});
});

test('the reconciliation highlights only the rows that need attention, and says why', async ({
	page
}) => {
	await signInAs(page, 'coordinator');
	const id = await newResponse(page, `Reconciliation ${tag()}`);
	// 10 crossed with no destination recorded: still to dispatch, nobody to chase yet.
	await open(page, `/responses/${id}/returns/tallies/new`);
	await page.getByLabel('Crossing point or transit centre').selectOption({ label: 'Poipet' });
	await page.getByLabel('Date').fill('2014-06-26');
	await page.getByLabel('Female, 18–59', { exact: true }).fill('10');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Saved: 10 people.')).toBeVisible();

	const trip = async (province: string, names: string[], missing?: string[]) => {
		await newManifest(page, id, { plate: `RC ${tag()}`, province, names });
		await departManifest(page);
		if (!missing) return;
		const arrival = page.locator('#arrival');
		await arrival.getByLabel('When').fill('2014-06-26T15:00');
		for (const name of missing) await arrival.getByRole('checkbox', { name }).check();
		await arrival.getByRole('button', { name: 'Confirm arrival' }).click();
		await expect(page.getByTestId('manifest-status')).toHaveText('Arrived');
	};
	await trip('KH03', ['Keo Sina'], []); // all home
	await trip('KH02', ['Lim Dara', 'Lim Sokha'], ['Lim Sokha']); // one missing
	await trip('KH14', ['Ouk Vanna', 'Ouk Rith']); // departed years ago, never confirmed

	await page.goto(`/responses/${id}/returns/reconciliation`);
	await expect(page.getByTestId('attention-legend')).toContainText(
		'more than 24 hours ago and is not yet confirmed arrived'
	);
	const rows = page.getByTestId('recon').locator('tbody tr');
	const row = (text: string) => rows.filter({ hasText: text });
	await expect(rows).toHaveCount(4);
	await expect(row('(KH02)')).toHaveClass(/attention/);
	await expect(row('(KH02)')).toContainText('1 missing');
	await expect(row('(KH14)')).toHaveClass(/attention/);
	await expect(row('(KH14)')).toContainText('2 overdue');
	await expect(row('(KH03)')).not.toHaveClass(/attention/);
	await expect(row('Destination not recorded')).not.toHaveClass(/attention/);
	await expect(rows.and(page.locator('.attention'))).toHaveCount(2);
	// The same per province.
	const provinces = page.getByRole('table').first().locator('tbody tr');
	await expect(provinces.and(page.locator('.attention'))).toHaveCount(2);
	await expect(provinces.filter({ hasText: '(KH02)' })).toContainText('1 missing');
	await expectAccessible(page);
});

test('the audit log says what happened in words and names records as people know them', async ({
	page
}) => {
	await signInAs(page, 'field');
	const plate = `AUD ${tag()}`;
	const path = await newManifest(page, await massReturnId(page), {
		plate,
		province: 'KH03',
		names: ['Sam Bopha', 'Sam Vichea', 'Sam Rady']
	});
	// Three passengers added, three reloads of the names: one viewing.
	const code = (await page.getByRole('heading', { level: 1 }).textContent())!.replace(
		/^Manifest\s*/,
		''
	);
	await page.goto(path);

	await switchTo(page, 'admin');
	const name = `Audit ${tag()}`;
	await newResponse(page, name);
	await page.goto('/admin/audit?entity=responses');
	const created = page.getByRole('row').filter({ hasText: name });
	await expect(created).toHaveCount(1);
	await expect(created).toContainText('Created');
	await expect(created.getByTestId('audit-record')).toContainText('Response');
	await expect(created.getByTestId('audit-record').locator('.record')).toHaveText(name);
	await expect(page.getByLabel('Record')).toContainText('Response');
	await expect(page.getByLabel('Record').locator('option', { hasText: 'responses' })).toHaveCount(
		0
	);

	await page.goto('/admin/audit?action=view_names');
	const views = page.getByRole('row').filter({ hasText: code });
	await expect(views).toHaveCount(1);
	await expect(views).toContainText('Viewed names');
	await expect(views.getByTestId('audit-record')).toContainText('Manifest');
	await expect(views.getByTestId('audit-record').locator('.record')).toHaveText(code);
	await expect(page.getByText(/manifest #\d+/)).toHaveCount(0);
	await expectAccessible(page);
});
