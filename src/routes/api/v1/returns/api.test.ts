import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fromCambodiaTime, todayInCambodia } from '$lib/domain/dates';
import { arrivalTallies, auditLog, manifests } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/sessions';
import { arrivalTotals, changeStatus, reconciliation } from '$lib/server/returns';
import { returnsWorld, tallyInput, type ReturnsWorld } from '$lib/server/returns/testing';
import { returnsDatasets } from '$lib/server/returns/exports';
import { POST as postTally } from './tallies/+server';
import { POST as postManifest } from './manifests/+server';
import { GET as getManifest } from './manifests/[id]/+server';
import { POST as postStatus } from './manifests/[id]/status/+server';
import { POST as postArrival } from './manifests/[id]/arrival/+server';

let w: ReturnsWorld;
beforeEach(async () => {
	w = await returnsWorld();
});

type Handler = (event: never) => Promise<Response> | Response;

async function call(
	handler: Handler,
	user: SessionUser,
	body?: unknown,
	params: Record<string, string> = {}
) {
	const url = new URL('http://localhost/api/v1/returns');
	const request = new Request(url, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const event = { request, url, params, locals: { db: w.db, user, apiScopes: null } };
	const res = await handler(event as never);
	return { status: res.status, body: await res.json() };
}

const rows = (table: typeof arrivalTallies | typeof manifests) => w.db.$count(table);
const audit = () => w.db.select().from(auditLog);

const manifestBody = (over: Record<string, unknown> = {}) => ({
	id: randomUUID(),
	responseId: w.responseId,
	originLocationId: w.poipet,
	vehicleKind: 'bus',
	plate: 'BMC 2A-1234',
	capacity: 45,
	destProvincePcode: 'KH03',
	plannedDeparture: '2014-06-12T08:00',
	mode: 'headcount',
	headcount: { f_18_59: 20, m_18_59: 20 },
	...over
});

describe('POST /api/v1/returns/tallies', () => {
	it('keeps ten identical posts as one tally: 201, then 200 with the same tally', async () => {
		const body = tallyInput(w);
		const answers = [];
		for (let i = 0; i < 10; i++) answers.push(await call(postTally, w.field, body));
		expect(answers.map((a) => a.status)).toEqual([
			201, 200, 200, 200, 200, 200, 200, 200, 200, 200
		]);
		expect(new Set(answers.map((a) => a.body.data.id)).size).toBe(1);
		expect(await rows(arrivalTallies)).toBe(1);
		expect((await arrivalTotals(w.db, w.responseId)).persons).toBe(100);
		expect(await audit()).toHaveLength(1);
	});

	it('keeps ten identical posts sent at once as one tally, counted once in the day', async () => {
		const body = tallyInput(w);
		const answers = await Promise.all(
			Array.from({ length: 10 }, () => call(postTally, w.field, body))
		);
		expect(answers.map((a) => a.status).sort()).toEqual([
			200, 200, 200, 200, 200, 200, 200, 200, 200, 201
		]);
		expect(new Set(answers.map((a) => a.body.data.id)).size).toBe(1);
		expect(await rows(arrivalTallies)).toBe(1);
		expect(await reconciliation(w.db, w.responseId)).toEqual([
			{ pcode: 'KH03', date: '2014-06-12', crossed: 60, dispatched: 0, arrived: 0 },
			{ pcode: 'KH14', date: '2014-06-12', crossed: 30, dispatched: 0, arrived: 0 },
			{ pcode: null, date: '2014-06-12', crossed: 10, dispatched: 0, arrived: 0 }
		]);
		expect(await audit()).toHaveLength(1);
	});

	it('refuses the same id with other content (409) and a post without an id, writing nothing more', async () => {
		const body = tallyInput(w);
		expect((await call(postTally, w.field, body)).status).toBe(201);
		const other = await call(postTally, w.field, { ...body, m_18_59: 36 });
		expect(other.status).toBe(409);
		expect(other.body.error.fields).toHaveProperty('id');
		expect((await call(postTally, w.partner, body)).status).toBe(409);
		const { id: _id, ...noId } = body;
		expect((await call(postTally, w.field, noId)).body.error.fields).toHaveProperty('id');
		expect(await rows(arrivalTallies)).toBe(1);
	});

	it('refuses days the calendar has not, days ahead, 1970 and days outside the response', async () => {
		const refused = async (arrivedOn: string) => {
			const res = await call(postTally, w.field, tallyInput(w, { arrivedOn }));
			expect(res.status, arrivedOn).toBe(400);
			return res.body.error.fields.arrivedOn;
		};
		expect(await refused('2014-06-31')).toBe('There is no 2014-06-31 in the calendar.');
		expect(await refused('9999-12-31')).toBe(
			`This date is in the future: today is ${todayInCambodia()} in Cambodia.`
		);
		expect(await refused('1970-01-01')).toBe('Before 2000-01-01: check the year.');
		expect(await refused('2014-06-01')).toBe('Before the response began (2014-06-07).');
		expect(await refused('2014-08-01')).toBe('After the response ended (2014-07-31).');
		expect(await rows(arrivalTallies)).toBe(0);
	});

	it('keeps a transit centre’s count apart from the people who crossed', async () => {
		await call(postTally, w.field, tallyInput(w));
		const before = await reconciliation(w.db, w.responseId);
		const atCentre = await call(postTally, w.field, tallyInput(w, { locationId: w.transit }));
		expect(atCentre.status).toBe(201);
		expect((await arrivalTotals(w.db, w.responseId)).persons).toBe(100);
		expect(await reconciliation(w.db, w.responseId)).toEqual(before);
	});
});

describe('POST /api/v1/returns/manifests', () => {
	it('keeps ten identical posts as one manifest, and refuses the id with other content', async () => {
		const body = manifestBody();
		const answers = [];
		for (let i = 0; i < 10; i++) answers.push(await call(postManifest, w.field, body));
		expect(answers[0].status).toBe(201);
		expect(answers.slice(1).every((a) => a.status === 200)).toBe(true);
		expect(new Set(answers.map((a) => a.body.data.code)).size).toBe(1);
		expect(await rows(manifests)).toBe(1);
		expect((await call(postManifest, w.field, { ...body, plate: 'X' })).status).toBe(409);
		expect(await rows(manifests)).toBe(1);
	});

	it('makes one manifest with one code of a post sent five times at once, another of another', async () => {
		const bus = manifestBody();
		const van = manifestBody({ plate: 'BMC 2A-9999', capacity: 15, headcount: { f_18_59: 12 } });
		const answers = await Promise.all(
			[bus, van, bus, van, bus, van, bus, van, bus, van].map((b) => call(postManifest, w.field, b))
		);
		const of = (plate: string) => answers.filter((a) => a.body.data.plate === plate);
		const codes = [bus, van].map(({ plate }) => {
			expect(
				of(plate)
					.map((a) => a.status)
					.sort()
			).toEqual([200, 200, 200, 200, 201]);
			const distinct = new Set(of(plate).map((a) => a.body.data.code));
			expect(distinct.size).toBe(1);
			return [...distinct][0];
		});
		expect(codes[0]).not.toBe(codes[1]);
		const stored = await w.db.select({ code: manifests.code }).from(manifests);
		expect(stored.map((r) => r.code).sort()).toEqual([...codes].sort());
	});

	it('refuses departures in year 0001 or 9999, on days the calendar has not, or outside the response', async () => {
		const refused = async (plannedDeparture: string) => {
			const res = await call(postManifest, w.field, manifestBody({ plannedDeparture }));
			expect(res.status, plannedDeparture).toBe(400);
			return res.body.error.fields.plannedDeparture;
		};
		expect(await refused('0001-01-01T08:00')).toBe('Before 2000-01-01: check the year.');
		expect(await refused('9999-12-31T08:00')).toMatch(/^More than a year ahead/);
		expect(await refused('2014-06-31T08:00')).toBe('Enter a date and time.');
		expect(await refused('2014-08-15T08:00')).toBe('After the response ended (2014-07-31).');
		expect(await rows(manifests)).toBe(0);
	});

	it('refuses moves dated in year 0001 or 9999', async () => {
		const { body } = await call(postManifest, w.field, manifestBody());
		const id = String(body.data.id);
		for (const at of ['0001-06-12T08:00', '9999-06-12T08:00', '2014-06-31T08:00']) {
			const res = await call(postStatus, w.field, { status: 'boarding', at }, { id });
			expect(res.status, at).toBe(400);
			expect(res.body.error.fields, at).toHaveProperty('at');
		}
		const ok = await call(
			postStatus,
			w.field,
			{ status: 'boarding', at: '2014-06-12T07:00' },
			{ id }
		);
		expect(ok.body.data.status).toBe('boarding');
	});
});

describe('arrival confirmed by another organisation', () => {
	it('marks empty seats without seeing names, and the owner sees who is missing', async () => {
		const passengers = ['Sok Dara', 'Chan Bopha', 'Keo Vanna'].map((name, i) => ({
			name,
			sex: i === 1 ? 'f' : 'm',
			age: 30 + i
		}));
		const created = await call(
			postManifest,
			w.partner,
			manifestBody({ mode: 'named', headcount: undefined, passengers })
		);
		const id = created.body.data.id as number;
		for (const [status, at] of [
			['boarding', '2014-06-12T07:00'],
			['departed', '2014-06-12T08:00']
		])
			await changeStatus(w.db, w.partner, id, {
				status: status as 'departed',
				at: fromCambodiaTime(at)
			});

		// IOM's field team receives CRC's bus: it sees seats, not names.
		const seen = await call(getManifest, w.field, undefined, { id: String(id) });
		expect(seen.body.data.passengerList).toEqual([]);
		expect(seen.body.data.seats.map((s: { seat: number }) => s.seat)).toEqual([1, 2, 3]);
		expect(JSON.stringify(seen.body.data)).not.toContain('Chan Bopha');

		// A bare count cannot say who is missing.
		const at = '2014-06-12T15:00';
		const count = await call(postArrival, w.field, { at, receivedCount: 2 }, { id: String(id) });
		expect(count.status).toBe(400);
		expect(count.body.error.fields.receivedCount).toMatch(/seats of the 1 people/);
		const names = await call(postArrival, w.field, { at, missingIds: [1] }, { id: String(id) });
		expect(names.status).toBe(403);
		const seat = await call(postArrival, w.field, { at, missingSeats: [2] }, { id: String(id) });
		expect(seat.status).toBe(200);
		expect(seat.body.data.receivedCount).toBe(2);

		// The owner sees who did not arrive, in the API and the passengers export.
		const owner = await call(getManifest, w.partner, undefined, { id: String(id) });
		expect(
			owner.body.data.passengerList.map((p: { name: string; arrived: boolean }) => [
				p.name,
				p.arrived
			])
		).toEqual([
			['Sok Dara', true],
			['Chan Bopha', false],
			['Keo Vanna', true]
		]);
		const [, , passengerList] = returnsDatasets;
		const filters = passengerList.filters.parse({ responseId: String(w.responseId) });
		const arrived: [string, boolean | null][] = [];
		for await (const r of await passengerList.rows(w.db, w.partner, filters))
			arrived.push([r.name, r.arrived]);
		expect(arrived).toEqual([
			['Sok Dara', true],
			['Chan Bopha', false],
			['Keo Vanna', true]
		]);
	});
});

describe('the returns endpoints’ refusals', () => {
	interface Raw {
		user?: SessionUser | null;
		scopes?: ('read' | 'write')[] | null;
		body?: string;
		type?: string;
		params?: Record<string, string>;
	}

	/** A call as it comes over the wire: any caller, token scopes, body and content type. */
	async function raw(handler: Handler, r: Raw) {
		const url = new URL('http://localhost/api/v1/returns');
		const request = new Request(url, {
			method: r.body === undefined ? 'GET' : 'POST',
			headers: { 'content-type': r.type ?? 'application/json' },
			body: r.body
		});
		const locals = {
			db: w.db,
			user: r.user === undefined ? w.field : r.user,
			apiScopes: r.scopes ?? null
		};
		const res = await handler({ request, url, params: r.params ?? {}, locals } as never);
		const body = await res.json();
		return { status: res.status, code: body.error?.code, message: body.error?.message, body };
	}

	/** A manifest of IOM's (the field user's organisation), boarding. */
	async function manifestId() {
		const created = await call(postManifest, w.field, manifestBody());
		return String(created.body.data.id);
	}

	const writes = async (): Promise<
		{ name: string; handler: Handler; body: unknown; params: Record<string, string> }[]
	> => {
		const id = await manifestId();
		return [
			{ name: 'tallies', handler: postTally, body: tallyInput(w) as unknown, params: {} },
			{ name: 'manifests', handler: postManifest, body: manifestBody(), params: {} },
			{ name: 'status', handler: postStatus, body: { status: 'boarding' }, params: { id } },
			{
				name: 'arrival',
				handler: postArrival,
				body: { at: '2014-06-12T15:00', receivedCount: 40 },
				params: { id }
			}
		];
	};

	it('answers every refusal as { error: { code, message } } with its status, writing nothing', async () => {
		for (const e of await writes()) {
			const before = [await rows(arrivalTallies), await rows(manifests), await audit()];
			const body = JSON.stringify(e.body);
			const refusals = [
				[await raw(e.handler, { ...e, body, user: null }), 401, 'unauthorized'],
				[await raw(e.handler, { ...e, body, scopes: ['read'] }), 403, 'insufficient_scope'],
				[await raw(e.handler, { ...e, body, user: w.viewer }), 403, 'forbidden'],
				[await raw(e.handler, { ...e, body, type: 'text/plain' }), 415, 'unsupported_media_type'],
				[await raw(e.handler, { ...e, body: '{"status":' }), 400, 'malformed_json'],
				[await raw(e.handler, { ...e, body: '[]' }), 400, 'invalid'],
				[
					await raw(e.handler, { ...e, body: JSON.stringify({ x: 'x'.repeat(1_100_000) }) }),
					413,
					'too_large'
				]
			] as const;
			for (const [answer, status, code] of refusals) {
				expect([e.name, answer.status, answer.code], answer.message).toEqual([
					e.name,
					status,
					code
				]);
				expect(typeof answer.message).toBe('string');
				expect(answer.message.length).toBeGreaterThan(0);
			}
			expect([await rows(arrivalTallies), await rows(manifests), await audit()]).toEqual(before);
		}
	});

	it('names the wrong fields in the error, in the keys the forms use', async () => {
		const tally = await raw(postTally, {
			body: JSON.stringify({ ...tallyInput(w), id: randomUUID(), f_18_59: -1, shift: 'noon' })
		});
		expect(tally.status).toBe(400);
		expect(tally.body.error.fields).toEqual({
			f_18_59: 'Cannot be negative.',
			shift: expect.any(String)
		});
		const id = await manifestId();
		const status = await raw(postStatus, {
			body: JSON.stringify({ status: 'flying' }),
			params: { id }
		});
		expect(status.status).toBe(400);
		expect(Object.keys(status.body.error.fields)).toEqual(['status']);
	});

	it('answers 404 for a manifest that does not exist, reading or writing', async () => {
		const params = { id: '999999' };
		expect((await raw(getManifest, { params })).code).toBe('not_found');
		expect((await raw(getManifest, { params })).status).toBe(404);
		const moved = await raw(postStatus, { params, body: JSON.stringify({ status: 'boarding' }) });
		expect([moved.status, moved.code]).toEqual([404, 'not_found']);
		const arrived = await raw(postArrival, {
			params,
			body: JSON.stringify({ at: '2014-06-12T15:00', receivedCount: 1 })
		});
		expect([arrived.status, arrived.code]).toEqual([404, 'not_found']);
	});

	it('lets a read token read a manifest but not move it; a write token cannot read', async () => {
		const id = await manifestId();
		const read = await raw(getManifest, { params: { id }, scopes: ['read'] });
		expect(read.status).toBe(200);
		expect(read.body.data.id).toBe(Number(id));
		const readOnly = await raw(postStatus, {
			params: { id },
			scopes: ['read'],
			body: JSON.stringify({ status: 'boarding', at: '2014-06-12T07:00' })
		});
		expect([readOnly.status, readOnly.code]).toEqual([403, 'insufficient_scope']);
		const writeOnly = await raw(getManifest, { params: { id }, scopes: ['write'] });
		expect([writeOnly.status, writeOnly.code]).toEqual([403, 'insufficient_scope']);
		const moved = await raw(postStatus, {
			params: { id },
			scopes: ['write'],
			body: JSON.stringify({ status: 'boarding', at: '2014-06-12T07:00' })
		});
		expect([moved.status, moved.body.data.status]).toEqual([200, 'boarding']);
	});
});
