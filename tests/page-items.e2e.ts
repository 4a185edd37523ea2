import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
	departManifest,
	expectAccessible,
	floodId,
	newManifest,
	newResponse,
	open,
	ownResponse,
	signInAs,
	switchTo,
	tag
} from './helpers';

test.describe('the manifest page', () => {
	test('a refusal goes when another of the page’s forms succeeds', async ({ page }) => {
		await newManifest(page, await ownResponse(page, 'Refusal'), {
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
	const plate = `AUD ${tag()}`;
	const path = await newManifest(page, await ownResponse(page, 'Audit names'), {
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

test('the returns dashboard lists every crossing point, and on a phone its map legends sit below the map', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await signInAs(page, 'coordinator');
	const id = await newResponse(page, `Quiet crossings ${tag()}`);
	await open(page, `/responses/${id}/returns/tallies/new`);
	const place = page.getByLabel('Crossing point or transit centre');
	// The form offers every active crossing point, in its first group.
	const crossings = await place.locator('optgroup').first().locator('option').allTextContents();
	await place.selectOption({ label: 'Poipet' });
	await page.getByLabel('Date').fill('2014-06-24');
	await page.getByLabel('Female, 18–59', { exact: true }).fill('40');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Saved: 40 people.')).toBeVisible();

	// A period without a count: every crossing point is listed, at 0.
	await page.goto(`/responses/${id}/returns?from=2014-06-25&to=2014-06-30`);
	const points = page.getByTestId('point-total');
	await expect(points).toHaveCount(crossings.length);
	expect(crossings.length).toBeGreaterThan(2);
	for (const name of crossings) await expect(points.filter({ hasText: name })).toContainText('0');
	await page.goto(`/responses/${id}/returns`);
	await expect(points).toHaveCount(crossings.length);
	await expect(points.filter({ hasText: 'Poipet' }).locator('.value')).toHaveText('40');

	// The dashboard's map starts when scrolled into view.
	const map = page.getByRole('region', { name: 'Map: Crossing points and destinations' });
	await map.scrollIntoViewIfNeeded();
	const legend = page.getByRole('figure', { name: /^Crossing points \(circle/ });
	await expect(legend).toBeVisible();
	const mapBox = (await map.boundingBox())!;
	const legendBox = (await legend.boundingBox())!;
	expect(legendBox.y).toBeGreaterThanOrEqual(mapBox.y + mapBox.height);
	await expectAccessible(page);

	// On a desk the legends stay over the map's corner.
	await page.setViewportSize({ width: 1366, height: 900 });
	const wide = (await map.boundingBox())!;
	const over = (await legend.boundingBox())!;
	expect(over.y + over.height).toBeLessThanOrEqual(wide.y + wide.height);
	await context.close();
});

test('a printed manifest that has arrived says who was received and who is missing, its code on every page', async ({
	page
}, testInfo) => {
	const id = await ownResponse(page, 'Printed manifest');
	await open(page, `/responses/${id}/returns/manifests/new`);
	const origin = await page
		.getByLabel('Leaving from')
		.locator('option')
		.nth(1)
		.getAttribute('value');
	const t = tag();
	// Sixty names: more than one A4 page.
	const names = Array.from({ length: 60 }, (_, i) => `Passenger ${i + 10} ${t}`);
	const made = await page.request.post('/api/v1/returns/manifests', {
		headers: { origin: new URL(page.url()).origin },
		data: {
			id: randomUUID(),
			responseId: id,
			originLocationId: Number(origin),
			vehicleKind: 'bus',
			plate: `PR ${t}`,
			capacity: 60,
			destProvincePcode: 'KH03',
			plannedDeparture: '2014-06-26T08:00:00+07:00',
			mode: 'named',
			passengers: names.map((name, i) => ({ name, sex: i % 2 ? 'm' : 'f', age: 20 + (i % 40) }))
		}
	});
	expect(made.status(), await made.text()).toBe(201);
	const { data } = (await made.json()) as { data: { id: number; code: string } };
	const path = `/responses/${id}/returns/manifests/${data.id}`;

	await open(page, path);
	await departManifest(page);
	const arrival = page.locator('#arrival');
	await arrival.getByLabel('When').fill('2014-06-26T15:00');
	await arrival.getByRole('checkbox', { name: names[4] }).check();
	await arrival.getByRole('checkbox', { name: names[50] }).check();
	await arrival.getByRole('button', { name: 'Confirm arrival' }).click();
	await expect(page.getByTestId('manifest-status')).toHaveText('Arrived');

	await page.goto(`${path}/print`);
	await expect(page.getByTestId('print-received')).toHaveText('58');
	await expect(page.getByTestId('print-missing')).toHaveText('2');
	const file = testInfo.outputPath('manifest.pdf');
	writeFileSync(file, await page.pdf({ format: 'A4' }));
	const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
		.split('\f')
		.filter((p) => p.trim());
	expect(pages.length).toBeGreaterThanOrEqual(2);
	for (const p of pages) expect(p).toContain(data.code);
	const text = pages.join('\n');
	expect(text).toMatch(new RegExp(`${names[4]}.*Missing`));
	expect(text).toMatch(new RegExp(`${names[50]}.*Missing`));
	expect(text).toMatch(new RegExp(`${names[5]}.*✓`));
	expect(text).toMatch(/Received\s+58/);
});

test('the printed sitrep: map legends at 8 pt or more on A4, the scale bar just under its map', async ({
	browser
}, testInfo) => {
	// The A4 column: 210 mm less the sheet's two 15 mm margins, at CSS's 96 px to the inch.
	const column = Math.round((180 / 25.4) * 96);
	const context = await browser.newContext({ viewport: { width: column, height: 1100 } });
	const page = await context.newPage();
	await signInAs(page, 'viewer');
	const url = `/responses/${await floodId(page)}/sitreps/1/print`;
	await page.emulateMedia({ media: 'print' });
	await page.goto(url);
	const maps = await page.evaluate(() =>
		[...document.querySelectorAll('figure svg')]
			.filter((svg) => svg.querySelector('rect[height="4"]'))
			.map((svg) => {
				const s = svg as SVGSVGElement;
				// One unit of the drawing, in printed points (a CSS px is 0.75 pt).
				const pt = (s.getBoundingClientRect().width / s.viewBox.baseVal.width) * 0.75;
				const bar = s.querySelector('rect[height="4"]') as SVGRectElement;
				const areas = [...s.querySelectorAll('path')].map((p) => p.getBBox());
				return {
					title: s.querySelector('title')?.textContent,
					texts: [...s.querySelectorAll('text')].map((t) => ({
						text: t.textContent,
						pt: Number(t.getAttribute('font-size')) * pt
					})),
					barX: bar.x.baseVal.value,
					barY: bar.y.baseVal.value,
					left: Math.min(...areas.map((b) => b.x)),
					bottom: Math.max(...areas.map((b) => b.y + b.height))
				};
			})
	);
	expect(maps.length).toBeGreaterThan(0);
	for (const map of maps) {
		// Legends, the scale and the credit: every word on the printed map.
		for (const t of map.texts) expect(t.pt, `${map.title}: “${t.text}”`).toBeGreaterThanOrEqual(8);
		expect(map.barX).toBeCloseTo(map.left, 0);
		expect(map.barY - map.bottom).toBeGreaterThan(0);
		expect(map.barY - map.bottom).toBeLessThanOrEqual(10);
	}
	// The same page as a PDF, A4: the map's legend is there to read.
	const file = testInfo.outputPath('sitrep.pdf');
	writeFileSync(file, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
	const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
	expect(text).toContain(maps[0].texts.find((t) => t.text?.endsWith('km'))!.text);
	await context.close();
});
