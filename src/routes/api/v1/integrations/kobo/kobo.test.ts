import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { assessments, auditLog } from '$lib/server/db/schema';
import { createApiToken } from '$lib/server/auth/api-tokens';
import { countAssessments } from '$lib/server/assessments/testing';
import { assessmentWorld } from '$lib/server/assessments/testing';
import payload from './kobo-submission.json';
import { POST } from './+server';

let w: Awaited<ReturnType<typeof assessmentWorld>>;
let token: string;
beforeEach(async () => {
	w = await assessmentWorld();
	token = (await createApiToken(w.db, w.partner, 'KoBo REST service', ['write'])).token;
});

/** As KoBo's REST service posts: JSON, with the token as it was set up in KoBo. */
async function post(body: unknown, { query = '', headers = {} as Record<string, string> } = {}) {
	const url = new URL(`http://localhost/api/v1/integrations/kobo${query}`);
	const event = {
		request: new Request(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify(body)
		}),
		url,
		params: {},
		locals: { db: w.db, user: null, apiScopes: null, sessionId: null }
	} as unknown as RequestEvent<Record<string, never>, '/api/v1/integrations/kobo'>;
	const res = await POST(event);
	return { status: res.status, body: await res.json() };
}

describe('POST /api/v1/integrations/kobo', () => {
	it('turns a recorded KoBo submission into an assessment, once', async () => {
		expect(w.responseId).toBe(Number(payload.responseId));
		const first = await post(payload, { query: `?token=${token}` });
		expect(first.status).toBe(201);
		const again = await post(payload, { headers: { authorization: `Bearer ${token}` } });
		expect(again.status).toBe(200);
		expect(again.body).toEqual(first.body);
		expect(await countAssessments(w.db)).toBe(1);

		const [row] = await w.db.select().from(assessments);
		expect(row).toMatchObject({
			id: '4d2f8a61-93b7-4c0e-a5d1-7b6e0c3f9a28',
			organisationId: w.crc,
			pcode: 'KH0201',
			districtPcode: 'KH0201',
			observedOn: '2020-10-16',
			affectedPersons: 111,
			affected_disabled: 2,
			displacedPersons: 47,
			accuracyM: 5,
			locationSource: 'gps',
			needs: ['shelter', 'water', 'food'],
			qtyTarpaulins: 12,
			qtyHygieneKits: 30,
			qtyTents: 0,
			notes: null
		});
		const [audit] = await w.db.select().from(auditLog).where(eq(auditLog.entity, 'assessments'));
		expect(audit.detail).toMatchObject({
			source: 'kobo',
			koboId: 281734562,
			koboUser: 'crc_battambang_1',
			formVersion: 'vQ8xKk2mHnLcTzB6gWbZ3R'
		});
	});

	it('takes the token as KoBo’s Basic authorization too', async () => {
		const basic = Buffer.from(`${w.partner.email}:${token}`).toString('base64');
		const res = await post(payload, { headers: { authorization: `Basic ${basic}` } });
		expect(res.status).toBe(201);
	});

	it('refuses a submission that breaks a rule, naming the field, and stores nothing', async () => {
		const res = await post(
			{ ...payload, 'displaced/displacedPersons': '500' },
			{ query: `?token=${token}` }
		);
		expect(res.status).toBe(400);
		expect(res.body.error.fields.displacedPersons).toBe('500 is more than the total of 111.');
		expect(res.body.error.message).toContain(
			'Displaced persons: 500 is more than the total of 111.'
		);
		expect(await countAssessments(w.db)).toBe(0);
	});

	it('refuses without a token (401), with a read-only token (403), and an edit from KoBo', async () => {
		expect((await post(payload)).status).toBe(401);
		const read = (await createApiToken(w.db, w.partner, 'read', ['read'])).token;
		const scoped = await post(payload, { query: `?token=${read}` });
		expect(scoped.status).toBe(403);
		expect(scoped.body.error.code).toBe('forbidden');
		const edit = await post(
			{ ...payload, 'meta/deprecatedID': payload['meta/instanceID'] },
			{ query: `?token=${token}` }
		);
		expect(edit.status).toBe(400);
		expect(await countAssessments(w.db)).toBe(0);
	});
});
