import { describe, expect, it, vi } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { handleError } from './hooks.server';

const event = {
	request: new Request('http://localhost/account'),
	url: new URL('http://localhost/account')
};
const fail = (error: unknown, status: number) =>
	handleError({
		error,
		event: event as unknown as RequestEvent,
		status,
		message: 'Internal Error'
	});

describe('what a failure shows', () => {
	it('an unexpected error: a plain message and a reference, never the error’s text', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const shown = await fail(new Error('SQLITE_CORRUPT: database disk image is malformed'), 500);
		expect(shown).toMatchObject({ message: 'Something went wrong on the server.', code: 'server' });
		expect(shown?.id).toMatch(/^[0-9a-f]{8}$/);
		expect(JSON.stringify(shown)).not.toContain('SQLITE');
		// The server's log keeps the error under the same reference.
		expect(String(log.mock.calls[0][0])).toContain(shown!.id!);
		expect(log.mock.calls[0][1]).toBeInstanceOf(Error);
		log.mockRestore();
	});

	it('SvelteKit’s own refusals say what they are, and nothing of the request', async () => {
		expect(await fail(new Error('Not found: /x'), 404)).toEqual({
			message: 'Not found.',
			code: 'not_found'
		});
		expect(await fail(new Error('POST method not allowed'), 405)).toEqual({
			message: 'This request is not valid.',
			code: 'invalid'
		});
	});
});
