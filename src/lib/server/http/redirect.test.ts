import { describe, expect, it } from 'vitest';
import { sameOriginPath } from './redirect';

const ORIGIN = 'https://sahakar.example.org';

describe('sameOriginPath', () => {
	it('keeps a path on this site, with its query and fragment', () => {
		expect(sameOriginPath('/responses/2/returns?status=departed#list', ORIGIN)).toBe(
			'/responses/2/returns?status=departed#list'
		);
	});

	it.each([
		['/\\evil.example/x'],
		['/%5Cevil.example/x'.replace('%5C', '\\')],
		['/\t/evil.example'],
		['/\n/evil.example'],
		['//evil.example/x'],
		['https://evil.example/'],
		['javascript:alert(1)'],
		['evil.example'],
		['']
	])('sends %j home instead of to another host', (target) => {
		expect(sameOriginPath(target, ORIGIN)).toBe('/');
	});

	it('refuses what is not text', () => {
		expect(sameOriginPath(null, ORIGIN)).toBe('/');
		expect(sameOriginPath(['/'], ORIGIN)).toBe('/');
	});

	it('normalises a path that stays here', () => {
		expect(sameOriginPath('/a/../admin/users', ORIGIN)).toBe('/admin/users');
	});
});
