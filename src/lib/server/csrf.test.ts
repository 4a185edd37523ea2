import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { checkOrigin } from './csrf';

async function status(path: string, headers: Record<string, string>, method = 'POST') {
	const url = new URL(`http://localhost:4251${path}`);
	const event = { request: new Request(url, { method, headers }), url } as RequestEvent;
	const res = await checkOrigin({ event, resolve: async () => new Response('passed') });
	return res.status;
}

const form = { 'content-type': 'multipart/form-data; boundary=x' };

describe('the cross-site form check', () => {
	it('lets same-origin form posts through and refuses cross-site ones, as SvelteKit does', async () => {
		expect(await status('/login', { ...form, origin: 'http://localhost:4251' })).toBe(200);
		expect(await status('/login', { ...form, origin: 'https://evil.example' })).toBe(403);
		expect(await status('/login', { 'content-type': 'text/plain', origin: 'null' })).toBe(403);
		expect(await status('/login', form)).toBe(403);
		expect(await status('/api/v1/assessments', { 'content-type': 'application/json' })).toBe(200);
		expect(await status('/login', form, 'GET')).toBe(200);
	});

	it('takes ODK Collect’s submissions, which carry no Origin, but no cross-site page’s', async () => {
		expect(await status('/submission', form)).toBe(200);
		expect(await status('/submission', { ...form, origin: 'https://evil.example' })).toBe(403);
		expect(await status('/submission/other', form)).toBe(403);
	});
});
