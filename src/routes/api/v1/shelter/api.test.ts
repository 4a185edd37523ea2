import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiScope } from '$lib/domain/accounts';
import { todayInCambodia } from '$lib/domain/dates';
import { shelterPopulation } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/sessions';
import { createActivity, createSite, getSite, reviewActivity } from '$lib/server/shelter';
import {
	activitySample,
	addCount,
	shelterWorld,
	type ShelterWorld,
	siteSample
} from '$lib/server/shelter/testing';
import { GET } from './activities/+server';
import { POST } from './sites/[siteId]/population/+server';
import { POST as CORRECT } from './population/[countId]/correction/+server';
import { POST as RETRACT } from './population/[countId]/retraction/+server';

let w: ShelterWorld;
beforeEach(async () => {
	w = await shelterWorld();
});

function event(
	path: string,
	{
		user,
		scopes = null,
		body,
		params = {}
	}: {
		user: SessionUser | null;
		scopes?: ApiScope[] | null;
		body?: string;
		params?: Record<string, string>;
	}
) {
	const url = new URL(`http://localhost${path}`);
	const request = new Request(url, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json' },
		body
	});
	return { request, url, params, locals: { db: w.db, user, apiScopes: scopes, sessionId: null } };
}

describe('GET /api/v1/shelter/activities', () => {
	it('lists the rows the caller may see with their totals, and refuses bad filters', async () => {
		const draft = await createActivity(w.db, w.partner, w.responseId, activitySample());
		const validated = await createActivity(w.db, w.partner2, w.responseId, activitySample(), {
			submit: true
		});
		await reviewActivity(w.db, w.coordinator, validated.id, { move: 'validate' });
		const call = async (user: SessionUser, query: string) => {
			const res = await GET(
				event(`/api/v1/shelter/activities?${query}`, { user }) as unknown as Parameters<
					typeof GET
				>[0]
			);
			return { status: res.status, body: await res.json() };
		};
		const viewer = await call(w.viewer, `responseId=${w.responseId}`);
		expect(viewer.status).toBe(200);
		expect(viewer.body.data.map((r: { id: number }) => r.id)).toEqual([validated.id]);
		expect(viewer.body.totals).toMatchObject({ activities: 1, reachedHouseholds: 20 });
		// Validated rows by default, as the 4W page and the sitrep count them.
		expect((await call(w.coordinator, `responseId=${w.responseId}`)).body.totals.activities).toBe(
			1
		);
		const coordinator = await call(
			w.coordinator,
			`responseId=${w.responseId}&limit=1&reviewState=all`
		);
		expect(coordinator.body.totals.activities).toBe(2);
		expect(coordinator.body.data.map((r: { id: number }) => r.id)).toEqual([draft.id]);
		const rest = await call(
			w.coordinator,
			`responseId=${w.responseId}&limit=1&reviewState=all&cursor=${coordinator.body.next}`
		);
		expect(rest.body.data.map((r: { id: number }) => r.id)).toEqual([validated.id]);
		expect(rest.body.next).toBeNull();
		const partner = await call(w.partner, `responseId=${w.responseId}&reviewState=draft`);
		expect(partner.body.data.map((r: { id: number }) => r.id)).toEqual([draft.id]);
		const bad = await call(w.coordinator, `responseId=${w.responseId}&month=2020-13`);
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields.month).toBeDefined();
		expect((await call(w.coordinator, 'responseId=999')).status).toBe(404);
	});
});

describe('POST /api/v1/shelter/sites/{id}/population', () => {
	const post = async (
		user: SessionUser | null,
		siteId: number,
		body: unknown,
		scopes: ApiScope[] | null = null
	) => {
		const res = await POST(
			event(`/api/v1/shelter/sites/${siteId}/population`, {
				user,
				scopes,
				body: JSON.stringify(body),
				params: { siteId: String(siteId) }
			}) as unknown as Parameters<typeof POST>[0]
		);
		return { status: res.status, body: await res.json() };
	};

	it('stores a count and makes it the current occupancy', async () => {
		const site = await createSite(w.db, w.coordinator, w.responseId, siteSample(w.iom));
		const res = await post(w.field, site.id, {
			id: randomUUID(),
			asOf: '2020-10-12T08:00:00+07:00',
			households: 10,
			f_18_59: 20,
			m_18_59: 18
		});
		expect(res.status).toBe(201);
		expect(res.body.data).toMatchObject({
			households: 10,
			persons: 38,
			asOf: '2020-10-12T01:00:00.000Z'
		});
		expect((await getSite(w.db, site.id))?.occupancy.persons).toBe(38);
	});

	it('refuses bad counts, other organisations, read-only tokens and unknown sites, writing nothing', async () => {
		const site = await createSite(w.db, w.coordinator, w.responseId, siteSample(w.iom));
		const bad = await post(w.field, site.id, { asOf: 'yesterday', f_18_59: -1 });
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields).sort()).toEqual(['asOf', 'f_18_59', 'id']);
		const count = { id: randomUUID(), asOf: '2020-10-12T08:00' };
		expect((await post(w.partner, site.id, count)).status).toBe(403);
		expect((await post(w.field, site.id, count, ['read'])).status).toBe(403);
		expect((await post(null, site.id, count)).status).toBe(401);
		expect((await post(w.field, 999, count)).status).toBe(404);
		expect(await w.db.select().from(shelterPopulation)).toHaveLength(0);
	});

	it('keeps ten identical posts as one count, and refuses the id with other content', async () => {
		const site = await createSite(w.db, w.coordinator, w.responseId, siteSample(w.iom));
		const body = { id: randomUUID(), asOf: '2020-10-12T08:00', households: 5, f_18_59: 20 };
		// All ten at once, as an outbox and a double click can send them: one writes the count.
		const posts = await Promise.all(Array.from({ length: 10 }, () => post(w.field, site.id, body)));
		expect(posts.map((p) => p.status).toSorted()).toEqual([
			200, 200, 200, 200, 200, 200, 200, 200, 200, 201
		]);
		expect(new Set(posts.map((p) => p.body.data.id)).size).toBe(1);
		expect(await w.db.select().from(shelterPopulation)).toHaveLength(1);
		const other = await post(w.field, site.id, { ...body, f_18_59: 21 });
		expect(other.status).toBe(409);
		expect(await w.db.select().from(shelterPopulation)).toHaveLength(1);
		expect((await getSite(w.db, site.id))?.occupancy.persons).toBe(20);
	});

	it('refuses counts dated 9999-12-31, in 2027, in 1970, before the response or on no real day', async () => {
		const site = await createSite(w.db, w.coordinator, w.responseId, siteSample(w.iom));
		const refused = async (asOf: string) => {
			const res = await post(w.field, site.id, { id: randomUUID(), asOf, f_18_59: 20 });
			expect(res.status, asOf).toBe(400);
			return res.body.error.fields.asOf as string;
		};
		expect(await refused('9999-12-31T08:00')).toMatch(/^This time is in the future/);
		// Until 2027 comes, a count dated then is one typed a year ahead.
		if (todayInCambodia() < '2027-01-01') {
			expect(await refused('2027-01-01T08:00')).toMatch(/^This time is in the future/);
		}
		expect(await refused('1970-01-01T08:00:00Z')).toBe('Before 2000-01-01: check the year.');
		expect(await refused('2020-09-30T08:00')).toBe('Before the response began (2020-10-01).');
		expect(await refused('2020-11-31T08:00')).toBe('Enter a date and time.');
		expect(await w.db.select().from(shelterPopulation)).toHaveLength(0);
		// So a mistyped year can never freeze the site's occupancy: the real count is the latest.
		expect(
			(await post(w.field, site.id, { id: randomUUID(), asOf: '2020-10-12T08:00', f_18_59: 7 }))
				.status
		).toBe(201);
		expect((await getSite(w.db, site.id))?.occupancy.persons).toBe(7);
	});
});

describe('POST /api/v1/shelter/population/{id}/correction and /retraction', () => {
	const call = async (
		handler: (event: never) => Response | Promise<Response>,
		user: SessionUser | null,
		countId: number,
		body: unknown
	) => {
		const res = await handler(
			event(`/api/v1/shelter/population/${countId}/x`, {
				user,
				body: JSON.stringify(body),
				params: { countId: String(countId) }
			}) as never
		);
		return { status: res.status, body: await res.json() };
	};

	it('corrects and retracts counts in force, refusing others', async () => {
		const site = await createSite(w.db, w.coordinator, w.responseId, siteSample(w.iom));
		const count = (f_18_59: number) =>
			addCount(w.db, w.field, site.id, { asOf: '2020-10-12T08:00', f_18_59 });
		const wrong = await count(900);
		const correction = {
			id: randomUUID(),
			asOf: '2020-10-12T08:00:00+07:00',
			f_18_59: 90,
			reason: 'Typed 900'
		};
		const fixed = await call(CORRECT, w.field, wrong.id, correction);
		expect(fixed.status).toBe(201);
		// Sent again (a retry), the same correction is the same count.
		const retried = await call(CORRECT, w.field, wrong.id, correction);
		expect([retried.status, retried.body.data.id]).toEqual([200, fixed.body.data.id]);
		expect(fixed.body.data).toMatchObject({ replaces: wrong.id, persons: 90, reason: 'Typed 900' });
		expect((await getSite(w.db, site.id))?.occupancy.persons).toBe(90);
		// The replaced count can no longer be corrected; the correction can be retracted.
		const again = await call(CORRECT, w.field, wrong.id, {
			id: randomUUID(),
			asOf: '2020-10-12T08:00',
			reason: 'x'
		});
		expect(again.status).toBe(409);
		expect(again.body.error.fields.replaces).toBeDefined();
		expect((await call(RETRACT, w.partner, fixed.body.data.id, { reason: 'x' })).status).toBe(403);
		expect((await call(RETRACT, w.field, fixed.body.data.id, {})).status).toBe(400);
		expect((await call(RETRACT, w.field, 999, { reason: 'x' })).status).toBe(404);
		const retracted = await call(RETRACT, w.field, fixed.body.data.id, { reason: 'It was 900' });
		expect(retracted.status).toBe(201);
		expect((await getSite(w.db, site.id))?.occupancy.persons).toBe(900);
	});
});
