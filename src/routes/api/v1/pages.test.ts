import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { responses } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/sessions';
import { sample } from '$lib/server/assessments/testing';
import { createActivity, createSite } from '$lib/server/shelter';
import { activitySample, shelterWorld, siteSample } from '$lib/server/shelter/testing';
import { GET as responsesGet } from './responses/+server';
import { GET as assessmentsGet, POST as assessmentsPost } from './assessments/+server';
import { GET as activitiesGet } from './shelter/activities/+server';
import { GET as sitesGet } from './shelter/sites/+server';

let w: Awaited<ReturnType<typeof shelterWorld>>;
beforeEach(async () => {
	w = await shelterWorld();
});

type Handler = (event: RequestEvent) => Response | Promise<Response>;

async function call(handler: unknown, path: string, user: SessionUser, body?: unknown) {
	const url = new URL(`http://localhost${path}`);
	const request = new Request(url, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const event = { request, url, params: {}, locals: { db: w.db, user, apiScopes: null } };
	const res = await (handler as Handler)(event as unknown as RequestEvent);
	return { status: res.status, body: await res.json() };
}

/** Each list: where it is, and how a test adds one record to it (its key in the answer). */
const lists = () => ({
	responses: {
		path: '/api/v1/responses?',
		get: responsesGet,
		add: async () => {
			const [{ id }] = await w.db
				.insert(responses)
				.values({ name: `Storm ${Math.random()}`, kind: 'storm', startDate: '2020-10-01' })
				.returning();
			return id;
		}
	},
	assessments: {
		path: `/api/v1/assessments?responseId=${w.responseId}&`,
		get: assessmentsGet,
		add: async () =>
			(await call(assessmentsPost, '/api/v1/assessments', w.field, sample(w.responseId))).body.data
				.id
	},
	activities: {
		path: `/api/v1/shelter/activities?responseId=${w.responseId}&reviewState=all&`,
		get: activitiesGet,
		add: async () => (await createActivity(w.db, w.partner, w.responseId, activitySample())).id
	},
	sites: {
		path: `/api/v1/shelter/sites?responseId=${w.responseId}&`,
		get: sitesGet,
		add: async () => (await createSite(w.db, w.coordinator, w.responseId, siteSample(w.crc))).id
	}
});

describe('every list pages by cursor, the same way', () => {
	for (const name of ['responses', 'assessments', 'activities', 'sites'] as const) {
		it(`walks ${name} to the end, every record once, while records come in`, async () => {
			const list = lists()[name];
			const before = (await call(list.get, `${list.path}limit=1000`, w.coordinator)).body.data;
			const existing = before.map((r: { id: unknown }) => r.id);
			for (let i = 0; i < 5; i++) existing.push(await list.add());
			const seen: unknown[] = [];
			const added: unknown[] = [];
			let cursor = '';
			for (let pages = 0; ; pages++) {
				const page = await call(list.get, `${list.path}limit=2${cursor}`, w.coordinator);
				expect(page.status).toBe(200);
				expect(page.body.data.length).toBeLessThanOrEqual(2);
				seen.push(...page.body.data.map((r: { id: unknown }) => r.id));
				// Records made mid-walk, while the caller is between pages.
				if (pages < 2) added.push(await list.add());
				if (page.body.next === null) break;
				expect(typeof page.body.next).toBe('string');
				cursor = `&cursor=${page.body.next}`;
			}
			expect(seen.length).toBe(new Set(seen).size);
			expect(seen).toEqual([...existing, ...added]);
		});
	}

	it('refuses a bad limit or a cursor it did not give, naming the parameter', async () => {
		const { assessments, sites } = lists();
		await assessments.add();
		await assessments.add();
		const first = await call(assessments.get, `${assessments.path}limit=1`, w.coordinator);
		const cursor = first.body.next as string;
		for (const limit of ['0', '1001', '2.5', 'ten']) {
			const res = await call(assessments.get, `${assessments.path}limit=${limit}`, w.coordinator);
			expect(res.status, limit).toBe(400);
			expect(res.body.error.fields).toEqual({
				limit: 'Send limit as a whole number from 1 to 1000.'
			});
		}
		const tampered = Buffer.from(
			Buffer.from(cursor, 'base64url').toString().replace(/\d+/, '0')
		).toString('base64url');
		for (const bad of ['garbage', `${cursor}x`, tampered, 'e30', 'x'.repeat(300)]) {
			const res = await call(assessments.get, `${assessments.path}cursor=${bad}`, w.coordinator);
			expect(res.status, bad).toBe(400);
			expect(res.body.error.fields.cursor).toMatch(/not one this list gave out/);
		}
		// One list's cursor is not another's page.
		const other = await call(sites.get, `${sites.path}cursor=${cursor}`, w.coordinator);
		expect(other.status).toBe(400);
		expect(other.body.error.fields.cursor).toBeDefined();
		const ok = await call(assessments.get, `${assessments.path}cursor=${cursor}`, w.coordinator);
		expect(ok.body.data).toHaveLength(1);
	});

	it('refuses a parameter a list does not take, so an old offset client cannot loop', async () => {
		for (const [name, list] of Object.entries(lists())) {
			await list.add();
			for (const old of ['offset=0', 'after=5']) {
				const res = await call(list.get, `${list.path}${old}`, w.coordinator);
				expect(res.status, `${name} ${old}`).toBe(400);
				expect(res.body.error.fields).toEqual({
					[old.split('=')[0]]: 'This parameter is not one this list takes.'
				});
			}
		}
	});

	it('answers an unknown response the same way on every route that works in one', async () => {
		const { assessments, activities, sites } = lists();
		for (const list of [assessments, activities, sites]) {
			const path = list.path.replace(`responseId=${w.responseId}`, 'responseId=999');
			const res = await call(list.get, path, w.coordinator);
			expect(res.status).toBe(404);
			expect(res.body.error).toEqual({
				code: 'not_found',
				message: 'This response does not exist.'
			});
		}
	});
});
