import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RequestEvent } from '@sveltejs/kit';
import type { ApiScope } from '$lib/domain/accounts';
import { auditLog } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/sessions';
import { countAssessments } from '$lib/server/assessments/testing';
import { assessmentWorld, sample } from '$lib/server/assessments/testing';
import { GET, POST } from './+server';

let w: Awaited<ReturnType<typeof assessmentWorld>>;
beforeEach(async () => {
	w = await assessmentWorld();
});

interface Call {
	user?: SessionUser | null;
	scopes?: ApiScope[] | null;
	body?: string;
	type?: string;
	query?: string;
}

function event({
	user = w.field,
	scopes = null,
	body,
	type = 'application/json',
	query = ''
}: Call) {
	const url = new URL(`http://localhost/api/v1/assessments${query}`);
	const request = new Request(url, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': type },
		body
	});
	return {
		request,
		url,
		params: {},
		locals: { db: w.db, user, apiScopes: scopes, sessionId: null }
	} as unknown as RequestEvent<Record<string, never>, '/api/v1/assessments'>;
}

const post = async (call: Call) => {
	const res = await POST(event(call));
	return { status: res.status, body: await res.json() };
};

const audits = async () => (await w.db.select().from(auditLog)).length;

describe('POST /api/v1/assessments', () => {
	it('answers 201 the first time and 200 with the same record after', async () => {
		const body = JSON.stringify(sample(w.responseId));
		const first = await post({ body });
		const second = await post({ body });
		expect(first.status).toBe(201);
		expect(second.status).toBe(200);
		expect(second.body).toEqual(first.body);
		expect(await countAssessments(w.db)).toBe(1);
	});

	it('stores a point given another province’s P-code, answering with a warning', async () => {
		const ok = await post({ body: JSON.stringify(sample(w.responseId)) });
		expect(ok.body.warnings).toEqual([]);
		const res = await post({ body: JSON.stringify(sample(w.responseId, { pcode: 'KH15' })) });
		expect(res.status).toBe(201);
		expect(res.body.data).toMatchObject({ pcode: 'KH15', pointPcode: 'KH020101' });
		expect(res.body.warnings).toMatchObject([
			{ code: 'area_point_mismatch', fields: { pcode: expect.stringContaining('Pursat (KH15)') } }
		]);
	});

	// Posts from one process reach the database one after another; servers writing at once on
	// one file are tested end to end in tests/concurrency.e2e.ts.
	it('makes one row and one audit entry from twenty posts of one id sent together', async () => {
		const body = JSON.stringify(sample(w.responseId));
		const results = await Promise.all(Array.from({ length: 20 }, () => post({ body })));
		expect(results.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201]);
		expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
		expect(await countAssessments(w.db)).toBe(1);
		expect(await audits()).toBe(1);
	});

	it('refuses an id reused with other content with 409 and a clear message', async () => {
		const input = sample(w.responseId);
		await post({ body: JSON.stringify(input) });
		const res = await post({ body: JSON.stringify({ ...input, injured: 3 }) });
		expect(res.status).toBe(409);
		expect(res.body.error).toMatchObject({ code: 'conflict' });
		expect(res.body.error.message).toContain('different content');
	});

	it('answers bad calls with 4xx JSON errors', async () => {
		const body = JSON.stringify(sample(w.responseId));
		expect((await post({ body, user: null })).status).toBe(401);
		expect((await post({ body, scopes: ['read'] })).body.error.code).toBe('insufficient_scope');
		expect((await post({ body, user: w.viewer })).status).toBe(403);
		expect((await post({ body: '{"id":', scopes: ['write'] })).status).toBe(400);
		expect((await post({ body, type: 'text/plain' })).status).toBe(415);
		expect((await post({ body: JSON.stringify({ notes: 'x'.repeat(70_000) }) })).status).toBe(413);
		const invalid = await post({ body: JSON.stringify({ ...sample(w.responseId), deaths: -2 }) });
		expect(invalid.status).toBe(400);
		expect(invalid.body.error.fields).toEqual({ deaths: 'Cannot be negative.' });
		expect(await countAssessments(w.db)).toBe(0);
	});

	it('takes a batch, answering each record as it would have been answered alone', async () => {
		const stored = sample(w.responseId);
		await post({ body: JSON.stringify(stored) });
		const fresh = sample(w.responseId);
		const records = [
			fresh,
			{ ...sample(w.responseId), deaths: -2 },
			stored,
			{ ...stored, injured: 3 },
			sample(w.responseId, { observedOn: '2020-09-30' }),
			'not a record',
			fresh
		];
		const res = await post({ body: JSON.stringify({ records }) });
		expect(res.status).toBe(200);
		const { results } = res.body;
		expect(results.map((r: { status: number }) => r.status)).toEqual([
			201, 400, 200, 409, 400, 400, 200
		]);
		expect(results.map((r: { id: string | null }) => r.id)).toEqual([
			...records.slice(0, 5).map((r) => (r as { id: string }).id),
			null,
			fresh.id
		]);
		expect(results[0]).toMatchObject({ data: { id: fresh.id }, warnings: [] });
		expect(results[1].error).toEqual({
			code: 'invalid',
			message: expect.any(String),
			fields: { deaths: 'Cannot be negative.' }
		});
		expect(results[3].error).toMatchObject({
			code: 'conflict',
			fields: { id: expect.any(String) }
		});
		expect(results[4].error.fields.observedOn).toBe('Before the response began (2020-10-01).');
		expect(results[6].data).toEqual(results[0].data);
		expect(await countAssessments(w.db)).toBe(2);
		expect(await audits()).toBe(2);
	});

	it('refuses a batch that is not one, or too long, as a whole', async () => {
		const many = Array.from({ length: 101 }, () => sample(w.responseId));
		for (const body of [
			{ records: [] },
			{ records: {} },
			{ records: many },
			{ records: [1], x: 1 }
		]) {
			const res = await post({ body: JSON.stringify(body) });
			expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
			expect(res.body.error.code).toBe('invalid');
		}
		const big = { records: [{ ...sample(w.responseId), notes: 'x'.repeat(1_000_000) }] };
		expect((await post({ body: JSON.stringify(big) })).status).toBe(413);
		expect((await post({ body: JSON.stringify({ records: [] }), user: null })).status).toBe(401);
		expect(await countAssessments(w.db)).toBe(0);
	});

	it('refuses days the calendar has not, days ahead, 1970 and days before the response', async () => {
		const refused = async (observedOn: string) => {
			const res = await post({ body: JSON.stringify(sample(w.responseId, { observedOn })) });
			expect(res.status, observedOn).toBe(400);
			return res.body.error.fields.observedOn;
		};
		expect(await refused('2020-11-31')).toBe('There is no 2020-11-31 in the calendar.');
		expect(await refused('2014-06-31')).toBe('There is no 2014-06-31 in the calendar.');
		expect(await refused('9999-12-31')).toMatch(/^This date is in the future/);
		expect(await refused('1970-01-01')).toBe('Before 2000-01-01: check the year.');
		expect(await refused('2020-09-30')).toBe('Before the response began (2020-10-01).');
		expect(await countAssessments(w.db)).toBe(0);
	});

	it('finds no 500 and no partial write in random and hostile bodies', async () => {
		const valid = sample(w.responseId);
		const keys = Object.keys(valid);
		const hostile = fc.oneof(
			fc.jsonValue(),
			fc.constantFrom(
				'__proto__',
				'constructor',
				'NaN',
				'Infinity',
				'1e309',
				'-0',
				'9'.repeat(400),
				'\u0000',
				'<script>',
				"'; drop table assessments; --"
			),
			fc.double(),
			fc.integer(),
			fc.array(fc.anything(), { maxLength: 5 })
		);
		// Mostly a valid body with a few fields replaced or removed, sometimes anything at all.
		const mutated = fc
			.tuple(
				fc.uuid(),
				fc.array(fc.tuple(fc.constantFrom(...keys, '__proto__', 'extra'), hostile), {
					maxLength: 4
				}),
				fc.array(fc.constantFrom(...keys), { maxLength: 2 })
			)
			.map(([id, changes, removed]) => {
				const body = new Map<string, unknown>(Object.entries({ ...valid, id }));
				for (const [k, v] of changes) body.set(k, v);
				for (const k of removed) body.delete(k);
				return JSON.stringify(Object.fromEntries(body));
			});
		const garbage = fc.oneof(
			fc.string(),
			fc.jsonValue().map((v) => JSON.stringify(v)),
			fc.nat({ max: 5000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth))
		);
		// Batches of such records (some sent twice) and of anything, and batches that are not.
		const batch = fc.oneof(
			fc
				.array(
					fc.oneof(
						mutated.map((b) => JSON.parse(b) as unknown),
						fc.jsonValue()
					),
					{
						minLength: 1,
						maxLength: 5
					}
				)
				.chain((records) =>
					fc.subarray(records).map((again) => JSON.stringify({ records: [...records, ...again] }))
				),
			fc.record({ records: hostile }).map((v) => JSON.stringify(v)),
			fc.constant(JSON.stringify({ records: [] }))
		);
		await fc.assert(
			fc.asyncProperty(fc.oneof(mutated, mutated, garbage, batch), async (body) => {
				const rows = await countAssessments(w.db);
				const logged = await audits();
				const res = await POST(event({ body }));
				expect([200, 201, 400, 409, 413]).toContain(res.status);
				const json = await res.json();
				if (res.status === 200 && json.results) {
					const statuses = json.results.map((r: { status: number }) => r.status);
					for (const status of statuses) expect([200, 201, 400, 409]).toContain(status);
					const created = statuses.filter((s: number) => s === 201).length;
					expect(await countAssessments(w.db)).toBe(rows + created);
					expect(await audits()).toBe(logged + created);
				} else if (res.status === 201) {
					expect(await countAssessments(w.db)).toBe(rows + 1);
					expect(await audits()).toBe(logged + 1);
				} else {
					expect(await countAssessments(w.db)).toBe(rows);
					expect(await audits()).toBe(logged);
					if (res.status >= 400) expect(typeof json.error.message).toBe('string');
				}
			}),
			{ numRuns: 400 }
		);
	});
});

describe('GET /api/v1/assessments', () => {
	const get = async (query: string, call: Call = {}) => {
		const res = await GET(event({ ...call, query }));
		return { status: res.status, body: await res.json() };
	};

	it('pages through a response’s assessments in order of arrival', async () => {
		const ids = [];
		for (let i = 0; i < 5; i++) {
			const input = sample(w.responseId, { observedOn: `2020-10-1${i}` });
			ids.push(input.id);
			await post({ body: JSON.stringify(input) });
		}
		const first = await get(`?responseId=${w.responseId}&limit=3`, { scopes: ['read'] });
		expect(first.body.data.map((r: { id: string }) => r.id)).toEqual(ids.slice(0, 3));
		const second = await get(`?responseId=${w.responseId}&limit=3&cursor=${first.body.next}`);
		expect(second.body.data.map((r: { id: string }) => r.id)).toEqual(ids.slice(3));
		expect(second.body.next).toBeNull();
	});

	it('shows partners only their own organisation’s, and refuses what it must', async () => {
		await post({ body: JSON.stringify(sample(w.responseId)) });
		await post({ body: JSON.stringify(sample(w.responseId)), user: w.partner });
		const q = `?responseId=${w.responseId}`;
		expect((await get(q, { user: w.coordinator })).body.data).toHaveLength(2);
		expect((await get(q, { user: w.partner })).body.data).toHaveLength(1);
		expect((await get(q, { user: w.viewer })).status).toBe(403);
		expect((await get(q, { scopes: ['write'] })).status).toBe(403);
		expect((await get('?responseId=abc')).status).toBe(400);
		expect((await get('?responseId=999')).status).toBe(404);
		expect((await get(`${q}&limit=5000`)).status).toBe(400);
	});
});

describe('GET /api/v1/assessments/points', () => {
	it('gives every counted point as columns, to anyone who may see totals', async () => {
		const { GET: points } = await import('./points/+server');
		await post({ body: JSON.stringify(sample(w.responseId)) });
		await post({ body: JSON.stringify(sample(w.responseId, { lon: 103.21 })), user: w.partner });
		const call = (user: SessionUser | null) =>
			points(
				event({ user, query: `/points?responseId=${w.responseId}` }) as unknown as Parameters<
					typeof points
				>[0]
			);
		const res = await call(w.viewer);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({
			count: 2,
			lon: [103.2, 103.21],
			lat: [13.1, 13.1],
			flagged: [1, 1]
		});
		expect((await call(null)).status).toBe(401);
	});
});
