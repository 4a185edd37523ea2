/**
 * Field records taken in exactly once when several server processes write to one database file
 * at the same moment (as behind a load balancer, or the app restarted while an old process
 * drains): the unique index on the client's id decides, not the order of requests in one process.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { createApp, makeWorld, type App } from './support/app';
import { assessmentBody, type World } from './support/world';

const SERVERS = 3;
const POSTS_EACH = 4;

let apps: App[] = [];
let world: World;

test.beforeAll(async () => {
	// Three servers to start on a machine shared with other work.
	test.setTimeout(180_000);
	const first = createApp();
	world = makeWorld(first.dbPath);
	// The first server migrates the database; the others open it as it is.
	await first.start();
	apps = [first];
	for (let i = 1; i < SERVERS; i++) {
		const app = createApp({}, first.dbPath);
		await app.start();
		apps.push(app);
	}
});

test.afterAll(async () => {
	for (const app of apps.slice(1)) await app.dispose();
	await apps[0]?.dispose();
});

/** Every server gets `POSTS_EACH` of the bodies, all sent before any answer is read. */
async function postEverywhere(path: string, bodies: (n: number) => unknown) {
	const sends = apps.flatMap((app, s) =>
		Array.from({ length: POSTS_EACH }, (_, i) =>
			app.send({ path, json: bodies(s * POSTS_EACH + i), session: world.sessions.field })
		)
	);
	return Promise.all(sends);
}

function count(sql: string, ...params: unknown[]): number {
	const db = new Database(apps[0].dbPath, { readonly: true });
	try {
		return (
			(db
				.prepare(sql)
				.pluck()
				.get(...params) as number) ?? 0
		);
	} finally {
		db.close();
	}
}

const KINDS = {
	assessment: {
		path: '/api/v1/assessments',
		rows: (id: string) => count('select count(*) from assessments where id = ?', id),
		vary: (n: number) => ({ notes: `Version ${n}` }),
		body: (id: string) => assessmentBody(world, id)
	},
	manifest: {
		path: '/api/v1/returns/manifests',
		rows: (id: string) => count('select count(*) from manifests where client_id = ?', id),
		vary: (n: number) => ({ plate: `PP ${n}` }),
		body: (id: string) => ({
			id,
			responseId: world.responseId,
			originLocationId: world.locationId,
			vehicleKind: 'bus',
			plate: 'PP 7',
			capacity: 40,
			destProvincePcode: 'KH03',
			plannedDeparture: '2020-10-12T08:00:00+07:00',
			mode: 'named',
			passengers: [
				{ name: 'Sok Dara', sex: 'f', age: 30 },
				{ name: 'Chan Vuthy', sex: 'm', age: 8 }
			]
		})
	},
	tally: {
		path: '/api/v1/returns/tallies',
		rows: (id: string) => count('select count(*) from arrival_tallies where client_id = ?', id),
		vary: (n: number) => ({ notes: `Version ${n}` }),
		body: (id: string) => ({
			id,
			responseId: world.responseId,
			locationId: world.locationId,
			arrivedOn: '2020-10-12',
			shift: 'night',
			f_18_59: 3,
			destinations: [{ pcode: 'KH03', persons: 2 }]
		})
	}
};

for (const [kind, k] of Object.entries(KINDS)) {
	test(`one ${kind} posted ${SERVERS * POSTS_EACH} times at once to ${SERVERS} servers is stored once`, async () => {
		const id = randomUUID();
		// Reads of passenger names are logged too: count what was created.
		const created = "select count(*) from audit_log where action = 'create'";
		const audits = count(created);
		const answers = await postEverywhere(k.path, () => k.body(id));
		const statuses = answers.map((a) => a.status).sort();
		expect(statuses, answers.map((a) => a.body).join('\n')).toEqual([
			...Array(SERVERS * POSTS_EACH - 1).fill(200),
			201
		]);
		// Every answer is the one stored record.
		const records = new Set(answers.map((a) => JSON.stringify(JSON.parse(a.body).data)));
		expect(records.size).toBe(1);
		expect(k.rows(id)).toBe(1);
		expect(count(created)).toBe(audits + 1);
		if (kind === 'manifest') {
			const passengers = count(
				'select count(*) from manifest_passengers p join manifests m on m.id = p.manifest_id where m.client_id = ?',
				id
			);
			expect(passengers).toBe(2);
		}
	});

	test(`one ${kind} id posted at once with different content is stored once, the rest refused`, async () => {
		const id = randomUUID();
		const answers = await postEverywhere(k.path, (n) => ({ ...k.body(id), ...k.vary(n) }));
		const statuses = answers.map((a) => a.status).sort();
		expect(statuses, answers.map((a) => a.body).join('\n')).toEqual([
			201,
			...Array(SERVERS * POSTS_EACH - 1).fill(409)
		]);
		for (const refused of answers.filter((a) => a.status === 409))
			expect(JSON.parse(refused.body).error.code).toBe('conflict');
		expect(k.rows(id)).toBe(1);
	});
}
