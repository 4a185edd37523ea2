/**
 * The fonts the PDF embeds: Noto Sans for Latin text and Noto Sans Khmer for Khmer, from the
 * @fontsource packages the app already serves. fontkit (inside pdfkit) shapes Khmer: it
 * reorders pre-base vowels and stacks subscript consonants.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const file = (pkg: string, name: string) => require.resolve(`@fontsource/${pkg}/files/${name}`);

export const FONT_FILES = {
	latin: file('noto-sans', 'noto-sans-latin-400-normal.woff'),
	latinBold: file('noto-sans', 'noto-sans-latin-700-normal.woff'),
	khmer: file('noto-sans-khmer', 'noto-sans-khmer-khmer-400-normal.woff'),
	khmerBold: file('noto-sans-khmer', 'noto-sans-khmer-khmer-700-normal.woff')
} as const;
export type FontName = keyof typeof FONT_FILES;

let loaded: Record<FontName, Buffer> | undefined;

/** The font files' bytes, read once. */
export function fontData(): Record<FontName, Buffer> {
	loaded ??= Object.fromEntries(
		Object.entries(FONT_FILES).map(([name, path]) => [name, readFileSync(path)])
	) as Record<FontName, Buffer>;
	return loaded;
}

/** Khmer letters, signs and symbols, and the joiners used inside Khmer words. */
const KHMER = /[\u1780-\u17FF\u19E0-\u19FF\u200B-\u200D\u25CC]+/g;

/** The text cut into runs of Khmer and of everything else, each to set in its own font. */
export function scriptRuns(text: string): { text: string; khmer: boolean }[] {
	const runs: { text: string; khmer: boolean }[] = [];
	let at = 0;
	for (const match of text.matchAll(KHMER)) {
		if (match.index > at) runs.push({ text: text.slice(at, match.index), khmer: false });
		runs.push({ text: match[0], khmer: true });
		at = match.index + match[0].length;
	}
	if (at < text.length) runs.push({ text: text.slice(at), khmer: false });
	return runs;
}
