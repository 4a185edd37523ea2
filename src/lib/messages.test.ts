import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../messages/', import.meta.url);
const read = (locale: string, file: string): Record<string, string> =>
	JSON.parse(readFileSync(new URL(`${locale}/${file}`, dir), 'utf8'));

describe('translations', () => {
	const files = readdirSync(new URL('en/', dir));
	it('has the same message files in English and Khmer', () => {
		expect(readdirSync(new URL('km/', dir)).sort()).toEqual([...files].sort());
	});
	for (const file of files) {
		it(`${file}: every English message has a Khmer one with the same placeholders`, () => {
			const en = read('en', file);
			const km = read('km', file);
			delete en.$schema;
			delete km.$schema;
			expect(Object.keys(km).sort()).toEqual(Object.keys(en).sort());
			for (const key of Object.keys(en)) {
				expect(km[key].trim(), key).not.toBe('');
				const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
				expect(placeholders(km[key]), key).toEqual(placeholders(en[key]));
			}
		});
	}
	it('lists every message file in the inlang project', () => {
		const settings = JSON.parse(
			readFileSync(new URL('../../project.inlang/settings.json', import.meta.url), 'utf8')
		);
		const patterns: string[] = settings['plugin.inlang.messageFormat'].pathPattern;
		expect(patterns.map((p) => p.split('/').pop()).sort()).toEqual([...files].sort());
	});
});
