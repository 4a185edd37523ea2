/**
 * Every message is used somewhere and exists in both languages: a key that nothing reads is a
 * translation nobody will keep up to date, and a key in one language only is a gap in the other.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const keysOf = (locale: string) =>
	readdirSync(join(root, 'messages', locale)).flatMap((file) =>
		Object.keys(JSON.parse(readFileSync(join(root, 'messages', locale, file), 'utf8')))
			.filter((k) => k !== '$schema')
			.map((key) => ({ file, key }))
	);

/** The app's own code, without the messages compiled from the JSON files. */
function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (name === 'paraglide' || name === 'node_modules') return [];
		if (statSync(path).isDirectory()) return sources(path);
		return /\.(ts|js|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
	});
}

describe('messages', () => {
	const en = keysOf('en');
	const km = keysOf('km');

	it('has every key in both languages', () => {
		const names = (list: { file: string; key: string }[]) =>
			list.map((k) => `${k.file}: ${k.key}`).sort();
		expect(names(km)).toEqual(names(en));
	});

	it('uses every key in the code', () => {
		const code = [...sources(join(root, 'src')), ...sources(join(root, 'scripts'))]
			.map((f) => readFileSync(f, 'utf8'))
			.join('\n');
		const used = new Set(code.match(/\b[A-Za-z_][A-Za-z0-9_]*\b/g));
		expect(en.filter((k) => !used.has(k.key)).map((k) => `${k.file}: ${k.key}`)).toEqual([]);
	});
});
