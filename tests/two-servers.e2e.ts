/**
 * Two built app servers on two ports over one PostgreSQL database, as behind a load balancer
 * without sticky sessions: whichever server a request lands on, the user is signed in, sees
 * what the other took in, and is counted once. Needs PostgreSQL (`PG_TEST_URL`, which
 * `npm run test:e2e` sets through scripts/pg-test-cluster.sh); without it the file skips.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { createApp, freePort, makeSmallWorld, type App } from './support/app';
import type { SmallWorld } from './support/make-small-world';

const PG_TEST_URL = process.env.PG_TEST_URL;
test.skip(
	!PG_TEST_URL,
	'PostgreSQL is not available (PG_TEST_URL unset): run through `npm run test:e2e` or scripts/pg-test-cluster.sh'
);

const name = `sahakar_e2e_${randomBytes(6).toString('hex')}`;
let admin: postgres.Sql;
let url: string;
let world: SmallWorld;
let servers: App[] = [];

test.beforeAll(async () => {
	// Two servers start and the world is seeded on a machine shared with other work.
	test.setTimeout(180_000);
	admin = postgres(PG_TEST_URL!, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const at = new URL(PG_TEST_URL!);
	at.pathname = `/${name}`;
	url = at.toString();
	world = makeSmallWorld(url);
	// Both start at once, as after a deployment: each migrates, one at a time.
	servers = [createApp({}, url, await freePort()), createApp({}, url, await freePort())];
	await Promise.all(servers.map((s) => s.start()));
});

test.afterAll(async () => {
	await Promise.all(servers.map((s) => s.dispose()));
	await admin?.unsafe(`drop database if exists ${name} with (force)`);
	await admin?.end();
});

async function count(sql: string, ...params: string[]): Promise<number> {
	const db = postgres(url, { max: 1 });
	try {
		const [row] = await db.unsafe<{ n: number }[]>(sql, params);
		return Number(row.n);
	} finally {
		await db.end();
	}
}

async function signInOn(page: Page, server: App, email: string, password: string) {
	await page.goto(`${server.origin}/login`);
	await page.locator('input[name="email"]').fill(email);
	await page.locator('input[name="password"]').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

const tally = (id: string, persons: number) => ({
	id,
	responseId: world.responseId,
	locationId: world.locationId,
	arrivedOn: '2020-10-13',
	shift: 'evening',
	f_18_59: persons,
	destinations: [{ pcode: 'KH03', persons }]
});

test('both servers answer from PostgreSQL', async () => {
	for (const server of servers) {
		const health = await server.send({ path: '/healthz' });
		expect(health.status).toBe(200);
		expect(JSON.parse(health.body)).toMatchObject({ engine: 'postgres' });
	}
});

test('signed in on one server, a user works on the other; a tally taken by one shows on the other’s dashboard', async ({
	page
}) => {
	const [one, other] = servers;
	// Both listen on 127.0.0.1, so the browser sends the same cookie to either, as through
	// one balancer's address.
	await signInOn(page, one, world.people.field, world.password);
	await expect(page).not.toHaveURL(/\/login/);

	const dashboard = `/responses/${world.responseId}/returns`;
	await page.goto(`${other.origin}${dashboard}`);
	await expect(page).toHaveURL(new RegExp(`${dashboard}$`));
	const total = page.getByTestId('arrivals-total');
	const before = Number((await total.innerText()).replace(/\D/g, ''));

	const posted = await page.request.post(`${one.origin}/api/v1/returns/tallies`, {
		data: tally(randomUUID(), 1234),
		headers: { origin: one.origin }
	});
	expect(posted.status(), await posted.text()).toBe(201);

	await page.goto(`${other.origin}${dashboard}`);
	await expect(total).toHaveText((before + 1234).toLocaleString('en-US'));
});

test('one client id posted to both servers at once is stored once', async () => {
	const id = randomUUID();
	const body = tally(id, 7);
	const answers = await Promise.all(
		[...servers, ...servers, ...servers].map((server) =>
			server.send({
				path: '/api/v1/returns/tallies',
				json: body,
				session: world.sessions.field
			})
		)
	);
	expect(answers.map((a) => a.status).sort(), answers.map((a) => a.body).join('\n')).toEqual([
		200, 200, 200, 200, 200, 201
	]);
	expect(await count('select count(*) as n from arrival_tallies where client_id = $1', id)).toBe(1);
});

test('tallies of one day posted to both servers at once all count in the day’s summary', async () => {
	// The dashboard and reconciliation read a day's arrivals per destination from a summary each
	// tally adds to in its own transaction: two servers adding at once must not lose one.
	const day = '2020-10-14';
	const sizes = Array.from({ length: 24 }, (_, i) => i + 1);
	const answers = await Promise.all(
		sizes.map((persons, i) =>
			servers[i % 2].send({
				path: '/api/v1/returns/tallies',
				json: { ...tally(randomUUID(), persons), arrivedOn: day },
				session: world.sessions.field
			})
		)
	);
	const refused = answers.filter((a) => a.status !== 201);
	expect(
		refused.map((a) => a.status),
		refused.map((a) => a.body).join('\n')
	).toEqual([]);
	const expected = sizes.reduce((t, n) => t + n, 0);
	// The summary the pages read, and the tallies' own lines it sums.
	for (const table of ['arrival_day_destinations', 'tally_destinations']) {
		const sql = `select coalesce(sum(persons), 0) as n from ${table}
			where response_id = $1 and province_pcode = 'KH03' and arrived_on = $2`;
		expect(await count(sql, String(world.responseId), day), table).toBe(expected);
	}
});

test('failed sign-ins count across both servers', async ({ browser }) => {
	// Seven sign-ins in fresh browsers, on a machine shared with other work.
	test.setTimeout(120_000);
	const email = world.people.viewer;
	// Five failures, alternating servers: each server alone saw at most three.
	for (let i = 0; i < 5; i++) {
		const context = await browser.newContext();
		const page = await context.newPage();
		await signInOn(page, servers[i % 2], email, `guess-${i}`);
		await expect(page.getByRole('alert')).toContainText('Email or password is wrong');
		await context.close();
	}
	// A new browser is now held back on either server, even with the right password.
	for (const server of servers) {
		const context = await browser.newContext();
		const page = await context.newPage();
		await signInOn(page, server, email, world.password);
		// The wait counts down from 30 s while the browsers start, so any number of seconds.
		await expect(page.getByRole('alert')).toContainText(
			/Too many failed attempts .* Try again in \d+ seconds/
		);
		await context.close();
	}
});
