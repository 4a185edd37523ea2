/**
 * The kinds, statuses and areas of responses that pages list, without zod: a page imports them
 * from here so that its first load does not carry the schema (`../responses.ts`, which
 * re-exports all of this).
 */

export const RESPONSE_KINDS = [
	'mass_return',
	'flood',
	'drought',
	'storm',
	'fire',
	'epidemic',
	'other'
] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

export const RESPONSE_STATUSES = ['active', 'closed'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/**
 * The parts of the app a response uses; the others are hidden from its menu, overview and sitrep.
 * Sitreps and the overview belong to every response.
 */
export const RESPONSE_AREAS = ['returns', 'shelter', 'assessments'] as const;
export type ResponseArea = (typeof RESPONSE_AREAS)[number];

/**
 * What a kind of emergency usually needs: people crossing back and the transit centres that
 * house them on a mass return; sites, 4W and rapid assessments when homes are hit.
 */
const KIND_AREAS: Record<ResponseKind, readonly ResponseArea[]> = {
	mass_return: ['returns', 'shelter'],
	flood: ['shelter', 'assessments'],
	storm: ['shelter', 'assessments'],
	fire: ['shelter', 'assessments'],
	drought: ['assessments'],
	epidemic: ['assessments'],
	other: RESPONSE_AREAS
};

export function defaultAreas(kind: ResponseKind): ResponseArea[] {
	return [...KIND_AREAS[kind]];
}

/** The areas in their one order, each once, whatever order a form sent them in. */
export const orderedAreas = (areas: readonly ResponseArea[]): ResponseArea[] =>
	RESPONSE_AREAS.filter((a) => areas.includes(a));
