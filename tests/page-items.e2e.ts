import { expect, test } from '@playwright/test';
import { expectAccessible, massReturnId, newManifest, signInAs, tag } from './helpers';

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
