/**
 * People counts (SADD) as pages show and sum them, without zod: a page imports them from here so
 * that its first load does not carry the schemas (`../people.ts`, which re-exports all of this).
 */

export const SEXES = ['f', 'm'] as const;
export type Sex = (typeof SEXES)[number];

export const AGE_BANDS = ['0_5', '6_17', '18_59', '60'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** `f_0_5`, `m_60`, ...: sex, then the band's lower (and upper) bound. */
export type PeopleCell = `${Sex}_${AgeBand}`;
export const PEOPLE_CELLS = SEXES.flatMap((s) => AGE_BANDS.map((b) => `${s}_${b}` as PeopleCell));

export type PeopleCount = Record<PeopleCell, number> & { disabled: number };
export const PEOPLE_FIELDS = [...PEOPLE_CELLS, 'disabled'] as const;
export type PeopleField = (typeof PEOPLE_FIELDS)[number];

export function emptyPeople(): PeopleCount {
	return Object.fromEntries(PEOPLE_FIELDS.map((k) => [k, 0])) as PeopleCount;
}

export function totalPeople(c: Pick<PeopleCount, PeopleCell>): number {
	let sum = 0;
	for (const cell of PEOPLE_CELLS) sum += c[cell];
	return sum;
}

export function totalBySex(c: PeopleCount, sex: Sex): number {
	return AGE_BANDS.reduce((sum, band) => sum + c[`${sex}_${band}`], 0);
}

export function totalByAge(c: PeopleCount, band: AgeBand): number {
	return SEXES.reduce((sum, sex) => sum + c[`${sex}_${band}`], 0);
}

export function addPeople(a: PeopleCount, b: PeopleCount): PeopleCount {
	const out = emptyPeople();
	for (const k of PEOPLE_FIELDS) out[k] = a[k] + b[k];
	return out;
}

/** Sums any number of counts, e.g. several shifts' tallies of one day. */
export function sumPeople(counts: Iterable<PeopleCount>): PeopleCount {
	let out = emptyPeople();
	for (const c of counts) out = addPeople(out, c);
	return out;
}

/** Reads the count stored under `prefix` out of a flat object (form data, a database row). */
export function peopleOf(row: Record<string, unknown>, prefix = ''): PeopleCount {
	const out = emptyPeople();
	for (const k of PEOPLE_FIELDS) out[k] = Number(row[`${prefix}${k}`] ?? 0);
	return out;
}

/** Writes a count back under `prefix`, e.g. into the values of an insert. */
export function peopleColumns<P extends string = ''>(
	c: PeopleCount,
	prefix: P = '' as P
): { [K in PeopleField as `${P}${K}`]: number } {
	return Object.fromEntries(PEOPLE_FIELDS.map((k) => [`${prefix}${k}`, c[k]])) as {
		[K in PeopleField as `${P}${K}`]: number;
	};
}

/** The people-count fields of `source`, e.g. a table's columns to spread into a select. */
export function pickPeople<T extends Record<PeopleField, unknown>>(
	source: T
): Pick<T, PeopleField> {
	return Object.fromEntries(PEOPLE_FIELDS.map((k) => [k, source[k]])) as Pick<T, PeopleField>;
}

/** A part that can never exceed its total: the sum of `parts` is at most the sum of `total`. */
export interface PartRule {
	/** The field a refusal names. */
	path: string;
	parts: readonly string[];
	total: readonly string[];
}

/** Persons with disabilities are part of the total, so they can never exceed it. */
export function disabledRule(prefix = ''): PartRule {
	return {
		path: `${prefix}disabled`,
		parts: [`${prefix}disabled`],
		total: PEOPLE_CELLS.map((cell) => `${prefix}${cell}`)
	};
}
