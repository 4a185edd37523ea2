import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import type { ApiScope } from '$lib/domain/accounts';
import type { SessionUser } from '$lib/server/auth/sessions';
import { arrivalTallies, auditLog } from '$lib/server/db/schema';
import { returnsWorld, tallyInput, type ReturnsWorld } from '$lib/server/returns/testing';
import { POST as postTally } from '../../../returns/tallies/+server';
import { GET } from './+server';

let w: ReturnsWorld;
beforeEach(async () => {
	w = await returnsWorld();
});

interface Call {
	user?: SessionUser | null;
	scopes?: ApiScope[] | null;
	body?: unknown;
	path: string;
	params?: Record<string, string>;
}

function event({ user = w.field, scopes = null, body, path, params = {} }: Call) {
	const url = new URL(`http://localhost${path}`);
	const request = new Request(url, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return {
		request,
		url,
		params,
		locals: { db: w.db, user, apiScopes: scopes, sessionId: null }
	} as unknown as RequestEvent;
}

const call = async (handler: (e: never) => Response | Promise<Response>, c: Call) => {
	const res = await handler(event(c) as never);
	return { status: res.status, body: await res.json() };
};

describe('the mass return API', () => {
	it('takes a tally and answers the reconciliation with it', async () => {
		const created = await call(postTally, {
			path: '/api/v1/returns/tallies',
			body: tallyInput(w),
			scopes: ['write']
		});
		expect(created.status).toBe(201);
		expect(created.body.data).toMatchObject({
			persons: 100,
			destinations: [
				{ pcode: 'KH03', persons: 60 },
				{ pcode: 'KH14', persons: 30 }
			]
		});
		const recon = await call(GET, {
			user: w.viewer,
			path: `/api/v1/responses/${w.responseId}/reconciliation?pcode=KH14`,
			params: { responseId: String(w.responseId) }
		});
		expect(recon).toEqual({
			status: 200,
			body: {
				data: [{ pcode: 'KH14', date: '2014-06-12', crossed: 30, dispatched: 0, arrived: 0 }]
			}
		});
	});

	it('refuses bad input at the field, writing nothing', async () => {
		const bad = await call(postTally, {
			path: '/api/v1/returns/tallies',
			body: tallyInput(w, { destinations: [{ pcode: 'KH03', persons: 500 }] })
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields).toHaveProperty('destinations');
		const outside = await call(postTally, {
			path: '/api/v1/returns/tallies',
			body: tallyInput(w, { arrivedOn: '2014-05-01' })
		});
		expect(outside.status).toBe(400);
		expect(outside.body.error.fields).toHaveProperty('arrivedOn');
		const viewer = await call(postTally, {
			user: w.viewer,
			path: '/api/v1/returns/tallies',
			body: tallyInput(w)
		});
		expect(viewer.status).toBe(403);
		const readOnly = await call(postTally, {
			scopes: ['read'],
			path: '/api/v1/returns/tallies',
			body: tallyInput(w)
		});
		expect(readOnly.status).toBe(403);
		expect(await w.db.select().from(arrivalTallies)).toHaveLength(0);
		expect(await w.db.select().from(auditLog)).toHaveLength(0);
	});

	it('answers 400 for a bad filter and 404 for an unknown response', async () => {
		const filter = await call(GET, {
			path: `/api/v1/responses/${w.responseId}/reconciliation?from=June`,
			params: { responseId: String(w.responseId) }
		});
		expect(filter.status).toBe(400);
		expect(filter.body.error.fields).toHaveProperty('from');
		const unknown = await call(GET, {
			path: '/api/v1/responses/999/reconciliation',
			params: { responseId: '999' }
		});
		expect(unknown.status).toBe(404);
	});
});
