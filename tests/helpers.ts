import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const DEMO_PASSWORD = 'sahakar-demo';

export type DemoRole = 'admin' | 'coordinator' | 'field' | 'partner' | 'partner2' | 'viewer';

export const demoEmail = (role: DemoRole) => `${role}@demo.sahakar.org`;

/** Fills and sends the sign-in form, whatever the outcome. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
	await page.goto('/login');
	await page.locator('input[name="email"]').fill(email);
	await page.locator('input[name="password"]').fill(password);
	await page.getByRole('button', { name: /^(Sign in|ចូលប្រើ)$/ }).click();
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await submitSignIn(page, email, password);
	await expect(page).not.toHaveURL(/\/login/);
}

export const signInAs = (page: Page, role: DemoRole) => signIn(page, demoEmail(role));

/** No serious or critical accessibility violation on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(
		bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
	).toEqual([]);
}
