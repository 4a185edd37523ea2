/**
 * The lists and pure helpers of rapid assessments that pages show, without zod: a page imports
 * them from here so that its first load does not carry the schemas (`../assessments.ts`, which
 * re-exports all of this).
 */

export const NEEDS = [
	'shelter',
	'food',
	'water',
	'sanitation',
	'health',
	'nfi',
	'protection',
	'livelihoods',
	'education'
] as const;
export type Need = (typeof NEEDS)[number];

/** How many needs a team ranks, and so the points a first priority earns in the Borda count. */
export const MAX_RANKED_NEEDS = 5;

export const ACCESS = ['road', 'boat_only', 'none'] as const;
export type Access = (typeof ACCESS)[number];

export const WATER_STATES = ['safe', 'limited', 'contaminated', 'none'] as const;
export type WaterState = (typeof WATER_STATES)[number];

export const SANITATION_STATES = ['working', 'damaged', 'flooded', 'none'] as const;
export type SanitationState = (typeof SANITATION_STATES)[number];

/** How an assessment reached Sahakar: its own form (through the outbox), the API, ODK or KoBo. */
export const SUBMISSION_SOURCES = ['sahakar_form', 'api', 'odk', 'kobo'] as const;
export type SubmissionSource = (typeof SUBMISSION_SOURCES)[number];

export const LOCATION_SOURCES = ['gps', 'map', 'manual'] as const;
export type LocationSource = (typeof LOCATION_SOURCES)[number];

/** Shelter and NFI items a team counts as needed, by the Shelter Sector's usual units. */
export const NEED_ITEMS = [
	'tarpaulins',
	'tents',
	'shelterKits',
	'familyKits',
	'hygieneKits',
	'kitchenSets',
	'mosquitoNets',
	'blankets',
	'sleepingMats',
	'jerryCans',
	'waterFilters'
] as const;
export type NeedItem = (typeof NEED_ITEMS)[number];
export type QuantityKey = `qty${Capitalize<NeedItem>}`;
export const quantityKey = (item: NeedItem) =>
	`qty${item[0].toUpperCase()}${item.slice(1)}` as QuantityKey;
export const QUANTITY_KEYS = NEED_ITEMS.map(quantityKey);

/**
 * The map's points, column by column (see the points endpoint); MapLibre's worker turns them into
 * GeoJSON (`pointsToGeoJSON` in $lib/components/map/points-worker.mjs).
 */
export interface PointColumns {
	count: number;
	seq: number[];
	lon: number[];
	lat: number[];
	affected: number[];
	flagged: (0 | 1)[];
}
