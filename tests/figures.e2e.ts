import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { expect, test, type Page } from '@playwright/test';
import {
	cambodiaToday,
	expectAccessible,
	newResponse,
	siteWithTwoCounts,
	open,
	responseId,
	signInAs,
	tag
} from './helpers';

const number = (text: string) => Number(text.replace(/,/g, ''));

/** An export link's CSV, read back by column header (the HXL row left out). */
async function exportRows(page: Page, link: string) {
	const res = await page.request.get(link);
	expect(res.status()).toBe(200);
	const [header, , ...rows]: string[][] = parse(await res.body(), { bom: true });
	return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

test('Gaps: each NFI cell is the figure of its column’s item, as the database holds it', async ({
	page
}) => {
	await signInAs(page, 'coordinator');
	const flood = await responseId(page, 'flood');
	await open(page, `/responses/${flood}/shelter/gaps`);
	// Kits counted as their items, validated rows started by today, by district.
	const db = new Database('data/e2e.db', { readonly: true });
	const rows = db
		.prepare(
			`with lines as (
				select a.district_pcode pcode, c.code code, i.quantity q
				from shelter_activity_items i
				join shelter_activities a on a.id = i.activity_id
				join nfi_catalogue c on c.id = i.catalogue_id and c.kind = 'item'
				where a.response_id = ? and a.review_state = 'validated' and a.start_date <= ?
				union all
				select a.district_pcode, c.code, i.quantity * k.quantity
				from shelter_activity_items i
				join shelter_activities a on a.id = i.activity_id
				join nfi_kit_components k on k.kit_id = i.catalogue_id
				join nfi_catalogue c on c.id = k.item_id
				where a.response_id = ? and a.review_state = 'validated' and a.start_date <= ?
			)
			select pcode, code, sum(q) n from lines where pcode is not null group by pcode, code`
		)
		.all(flood, cambodiaToday(), flood, cambodiaToday()) as {
		pcode: string;
		code: string;
		n: number;
	}[];
	const items = (
		db
			.prepare(
				"select code from nfi_catalogue where kind = 'item' and standard_qty > 0 order by code"
			)
			.all() as { code: string }[]
	).map((r) => r.code);
	db.close();
	const expected = new Map(rows.map((r) => [`${r.pcode}|${r.code}`, r.n]));

	const table = page.getByTestId('gaps-nfi');
	const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
	expect(headers.slice(1)).toEqual(items);
	const areas = table.locator('tbody tr');
	expect(await areas.count()).toBeGreaterThan(3);
	let nonZero = 0;
	for (const row of await areas.all()) {
		const pcode = (await row.getAttribute('data-pcode')) ?? '';
		const cells = await row.locator('td').allInnerTexts();
		headers.slice(1).forEach((code, i) => {
			const distributed = number(cells[i].split('/')[0].trim());
			expect(distributed, `${pcode} ${code}`).toBe(expected.get(`${pcode}|${code}`) ?? 0);
			if (distributed) nonZero++;
		});
	}
	expect(nonZero).toBeGreaterThan(5);
	await expect(page.getByTestId('review-note')).toHaveText(
		'Validated rows only, as the sitrep counts them.'
	);
	await expectAccessible(page);
});

test('Sites: the people in the sites now are the same on the page, in the export and the API; exports carry the filters', async ({
	page
}) => {
	await signInAs(page, 'coordinator');
	const flood = await responseId(page, 'flood');
	await open(page, `/responses/${flood}/shelter`);
	const persons = number(await page.getByTestId('stat-persons').innerText());
	const capacity = number(await page.getByTestId('stat-capacity').innerText());
	const sites = number(await page.getByTestId('stat-sites').innerText());
	const listed = await page.getByTestId('site-list').locator('tbody tr').count();
	// The demo closes some sites: they are listed but shelter nobody now.
	expect(listed).toBeGreaterThan(sites);

	const link = await page
		.getByTestId('export-links')
		.first()
		.getByRole('link', { name: 'CSV' })
		.getAttribute('href');
	expect(link).toContain(`asOf=${cambodiaToday()}`);
	const rows = await exportRows(page, link!);
	const open_ = rows.filter((r) => r.Status === 'open');
	expect(open_).toHaveLength(sites);
	expect(rows.reduce((s, r) => s + Number(r['Sheltered persons']), 0)).toBe(persons);
	expect(open_.reduce((s, r) => s + Number(r['Capacity (persons)']), 0)).toBe(capacity);
	const api = await page.request.get(`/api/v1/shelter/sites?responseId=${flood}`);
	expect((await api.json()).totals).toEqual({
		sites,
		persons,
		households: expect.any(Number),
		capacity
	});

	// Occupancy "over": both links carry it, so the population export holds only those sites.
	await open(page, `/responses/${flood}/shelter?band=over`);
	const over = await page.getByTestId('site-list').locator('tbody tr a').allInnerTexts();
	const populationLink = await page
		.getByTestId('export-links')
		.nth(1)
		.getByRole('link', { name: 'CSV' })
		.getAttribute('href');
	expect(populationLink).toContain('band=over');
	const updates = await exportRows(page, populationLink!);
	const all = await exportRows(page, `/api/v1/export/site-population.csv?responseId=${flood}`);
	expect(updates.length).toBeLessThan(all.length);
	expect([...new Set(updates.map((r) => r.Site))].sort()).toEqual(
		[...new Set(over.map((n) => n.trim()))].sort()
	);
});

test('a wrong population count is corrected, then the correction retracted, each kept in the history', async ({
	page
}) => {
	// A response and a site of its own: the flood's people in sites stay as seeded.
	await signInAs(page, 'coordinator');
	const own = await newResponse(page, `Corrections ${tag()}`, '2020-10-01');
	const name = `E2E count school ${tag()}`;
	const siteUrl = await siteWithTwoCounts(page, own, name);
	await open(page, siteUrl);
	await expect(page.getByTestId('site-persons')).toHaveText('900');

	const history = page.getByTestId('population-history');
	await history.locator('tbody tr').first().getByRole('link', { name: 'Correct' }).click();
	await expect(page.getByRole('heading', { name: /^Correct the count of/ })).toBeVisible();
	await expect(page.locator('#people-f_18_59')).toHaveValue('900');
	await page.getByRole('button', { name: 'Save the correction' }).click();
	await expect(page.getByText('Required.').first()).toBeVisible();
	await page.getByLabel('Reason').fill('Typed 900 for 90');
	await page.locator('#people-f_18_59').fill('90');
	await page.getByRole('button', { name: 'Save the correction' }).click();
	await expect(page.getByText('Correction saved. It replaces the earlier count.')).toBeVisible();
	await expect(page.getByTestId('site-persons')).toHaveText('90');
	const states = history.getByTestId('count-state');
	await expect(states).toHaveCount(3);
	await expect(states.nth(0)).toContainText('Corrects the count of');
	await expect(states.nth(0)).toContainText('Typed 900 for 90');
	await expect(states.nth(1)).toContainText('Replaced by the correction of');
	await expectAccessible(page);

	await history.locator('tbody tr').first().getByRole('link', { name: 'Retract' }).click();
	await page.getByLabel('Reason').fill('It was 900 after all');
	await page.getByRole('button', { name: 'Retract the count' }).click();
	await expect(page.getByText('Count retracted.')).toBeVisible();
	await expect(page.getByTestId('site-persons')).toHaveText('900');
	await expect(states.nth(0)).toContainText('It was 900 after all');
	// The site's list row counts what the page shows.
	await open(page, `/responses/${own}/shelter`);
	await expect(
		page.getByTestId('site-list').getByRole('row', { name: new RegExp(name) })
	).toContainText('900');
});

test('the 4W page counts validated rows unless told otherwise, and says when it does', async ({
	page
}) => {
	await signInAs(page, 'partner');
	const flood = await responseId(page, 'flood');
	await open(page, `/responses/${flood}/shelter/activities`);
	await expect(page.getByTestId('review-note')).toHaveText(
		'Validated rows only, as the sitrep counts them.'
	);
	const validated = number(await page.getByTestId('total-activities').innerText());
	await page.getByLabel('Review').selectOption('all');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/reviewState=all/);
	await expect(page.getByTestId('review-note')).toContainText(
		'These figures include rows not yet validated (drafts, submitted and returned rows).'
	);
	expect(number(await page.getByTestId('total-activities').innerText())).toBeGreaterThan(validated);
	const csv = await page
		.getByTestId('export-links')
		.getByRole('link', { name: 'CSV' })
		.getAttribute('href');
	expect(csv).toContain('reviewState=all');

	// "Map by district" without district shapes: the map says so, and who can fix it.
	await open(page, `/responses/${flood}/shelter/activities?level=district`);
	await expect(page.getByTestId('no-district-shapes')).toContainText(
		'No district shapes are loaded, so this map shows provinces. An administrator can import district boundaries.'
	);
	await page.context().clearCookies();
	await signInAs(page, 'admin');
	await open(page, `/responses/${flood}/shelter/activities?level=district`);
	await page
		.getByTestId('no-district-shapes')
		.getByRole('link', { name: 'Import district boundaries' })
		.click();
	await expect(page).toHaveURL(/\/admin\/boundaries$/);
});

test('the assessment form says when the area chosen is not where the point is', async ({
	page
}) => {
	await signInAs(page, 'field');
	const flood = await responseId(page, 'flood');
	await open(page, `/responses/${flood}/assessments/new`);
	// A point in Battambang.
	await page.getByLabel('Latitude').fill('13.0952');
	await page.getByLabel('Longitude').fill('103.2021');
	await page.getByLabel('Province').selectOption({ label: 'Pursat' });
	await expect(page.getByTestId('area-point-warning')).toHaveText(
		'The point is in Battambang (KH02), but the area chosen is Pursat (KH15). Move the point or choose its area; if both are right, the record keeps both.'
	);
	await page.getByLabel('Province').selectOption({ label: 'Battambang' });
	await expect(page.getByTestId('area-point-warning')).toHaveCount(0);
});
