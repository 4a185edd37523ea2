/**
 * Crash safety: the built server under concurrent writes is killed with SIGKILL (no chance to
 * close anything), then started again on the same database. Every write it had acknowledged is
 * there, whole (a manifest with all its passengers), and SQLite's integrity check is ok.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { createApp, makeWorld, type App } from './support/app';
import { assessmentBody, type World } from './support/world';

let app: App;
let world: World;

test.beforeAll(async () => {
	app = createApp();
	world = makeWorld(app.dbPath);
	await app.start();
});

test.afterAll(async () => {
	await app?.dispose();
});

/** Acknowledged writes before the kill; the kill comes while others are still in flight. */
const ACKNOWLEDGED = 240;
const WRITERS = 8;
const PASSENGERS = 3;

test('every acknowledged write survives SIGKILL, whole, and the database is sound', async () => {
	const assessments: string[] = [];
	const manifests = new Map<number, number>();
	let killed: Promise<void> | null = null;
	const acknowledged = () => assessments.length + manifests.size;

	const assessment = () => assessmentBody(world);
	const manifest = () => ({
		id: randomUUID(),
		responseId: world.responseId,
		originLocationId: world.locationId,
		vehicleKind: 'bus',
		plate: 'PP 9',
		capacity: 40,
		destProvincePcode: 'KH03',
		plannedDeparture: '2020-10-12T08:00:00+07:00',
		mode: 'named',
		passengers: Array.from({ length: PASSENGERS }, (_, i) => ({
			name: `Passenger ${i}`,
			sex: 'm',
			age: 20 + i
		}))
	});

	async function writer(n: number) {
		const session = world.sessions[n % 2 ? 'field' : 'coordinator'];
		while (!killed) {
			const named = n % 2 === 0;
			const body = named ? manifest() : assessment();
			let status: number;
			let text: string;
			try {
				const answer = await app.send({
					path: named ? '/api/v1/returns/manifests' : '/api/v1/assessments',
					json: body,
					session
				});
				status = answer.status;
				text = answer.body;
			} catch {
				return; // the server died mid-request: that write was never acknowledged
			}
			expect(status, text).toBe(201);
			if (named) manifests.set((JSON.parse(text) as { data: { id: number } }).data.id, PASSENGERS);
			else assessments.push((body as { id: string }).id);
			if (acknowledged() >= ACKNOWLEDGED && !killed) killed = app.stop('SIGKILL');
		}
	}

	await Promise.all(Array.from({ length: WRITERS }, (_, n) => writer(n)));
	await killed;
	expect(acknowledged()).toBeGreaterThanOrEqual(ACKNOWLEDGED);

	await app.start();
	const health = await app.send({ path: '/healthz' });
	expect(health.status).toBe(200);

	const db = new Database(app.dbPath, { readonly: true });
	try {
		expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(db.pragma('foreign_key_check')).toEqual([]);
		const stored = new Set(
			(db.prepare('select id from assessments').all() as { id: string }[]).map((r) => r.id)
		);
		expect(assessments.filter((id) => !stored.has(id))).toEqual([]);
		const passengers = new Map(
			(
				db
					.prepare('select manifest_id as id, count(*) as n from manifest_passengers group by 1')
					.all() as { id: number; n: number }[]
			).map((r) => [r.id, r.n])
		);
		for (const [id, count] of manifests) expect(passengers.get(id), `manifest ${id}`).toBe(count);
		// Nothing half-written either: every manifest there has its whole list.
		const all = db.prepare("select id from manifests where plate = 'PP 9'").all() as {
			id: number;
		}[];
		for (const { id } of all) expect(passengers.get(id), `manifest ${id}`).toBe(PASSENGERS);
	} finally {
		db.close();
	}

	const after = await app.send({
		path: '/api/v1/assessments',
		json: assessment(),
		session: world.sessions.field
	});
	expect(after.status).toBe(201);
});
