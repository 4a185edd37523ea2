/**
 * The helpers every area's words use (a code's words, a select's choices). Apart from labels.ts,
 * which also gathers every area's words for the server: a page imports these and its own
 * area's words, so its first load carries only the messages it shows.
 */
import { localName, sortByName } from '$lib/format';

/** Each code's words, as a message function (so they follow the reader's language). */
export type Labels<K extends string> = Record<K, () => string>;

/** A stored code's words; a code this version does not know is shown as it is. */
export function labelOf<K extends string>(labels: Labels<K>, code: string): string {
	return Object.hasOwn(labels, code) ? labels[code as K]() : code;
}

/** One choice of a select. */
export interface Option {
	value: string | number;
	label: string;
}

/** The codes as a select's choices, in their order, in the reader's language. */
export function codeOptions<K extends string>(codes: readonly K[], labels: Labels<K>): Option[] {
	return codes.map((code) => ({ value: code, label: labels[code]() }));
}

/** Provinces and, indented with a dash, their districts, as a select's choices. */
export function areaOptions(
	areas: readonly { pcode: string; level: number; nameEn: string; nameKm?: string | null }[]
): Option[] {
	// A P-code is its parent's and two digits: each district follows its province.
	const parent = (pcode: string) => pcode.slice(0, -2);
	const codes = new Set(areas.map((a) => a.pcode));
	const top = sortByName(areas.filter((a) => !codes.has(parent(a.pcode))));
	return top
		.flatMap((t) => [t, ...sortByName(areas.filter((a) => parent(a.pcode) === t.pcode))])
		.map((a) => ({ value: a.pcode, label: `${a.level === 2 ? '— ' : ''}${localName(a)}` }));
}
