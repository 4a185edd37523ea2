/**
 * The lists and pure calculations of shelter that pages show, without zod: a page imports them
 * from here so that its first load does not carry the schemas (`../shelter.ts`, which re-exports
 * all of this).
 */

export const SITE_KINDS = [
	'evacuation_centre',
	'collective_centre',
	'transit_centre',
	'host_community'
] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const SITE_STATUSES = ['open', 'closed'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

export const CATALOGUE_KINDS = ['item', 'kit'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

export const STANDARD_PER = ['household', 'person'] as const;
export type StandardPer = (typeof STANDARD_PER)[number];

export const ACTIVITY_TYPES = [
	'emergency_shelter_kit',
	'nfi_distribution',
	'shelter_repair',
	'cash_for_shelter',
	'site_management',
	'shelter_assessment',
	'training'
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const MODALITIES = ['in_kind', 'cash', 'voucher', 'service'] as const;
export type Modality = (typeof MODALITIES)[number];

export const ACTIVITY_STATUSES = ['planned', 'ongoing', 'completed'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const REVIEW_STATES = ['draft', 'submitted', 'validated', 'returned'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/**
 * The review filter of the 4W matrix and Gaps: validated rows unless the reader picks another
 * state or `all` (then the totals say that they include rows not yet validated).
 */
export const REVIEW_FILTERS = ['validated', 'submitted', 'returned', 'draft', 'all'] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];
export const DEFAULT_REVIEW_FILTER: ReviewFilter = 'validated';

/** Sphere Handbook (2018), shelter standard 3: at least 3.5 m² of covered living space a person. */
export const SPHERE_M2_PER_PERSON = 3.5;

/** Where the site stands against its capacity and the Sphere indicator. */
export interface Occupancy {
	persons: number;
	households: number;
	capacity: number;
	/** Persons ÷ capacity (1 = full), 0 for an empty site. */
	ratio: number;
	/** Covered m² per person, null when nobody is there. */
	m2PerPerson: number | null;
	/** True when a person has less than `SPHERE_M2_PER_PERSON` of covered space. */
	belowSphere: boolean;
	overCapacity: boolean;
}

export function occupancy(
	site: { capacity: number; coveredAreaM2: number },
	latest: { persons: number; households: number } | null
): Occupancy {
	const persons = latest?.persons ?? 0;
	const m2 = persons > 0 ? site.coveredAreaM2 / persons : null;
	return {
		persons,
		households: latest?.households ?? 0,
		capacity: site.capacity,
		ratio: site.capacity > 0 ? persons / site.capacity : 0,
		m2PerPerson: m2 === null ? null : Math.round(m2 * 100) / 100,
		belowSphere: m2 !== null && m2 < SPHERE_M2_PER_PERSON,
		overCapacity: persons > site.capacity
	};
}

/** Bands for the map's colours and the list's filter. */
export const OCCUPANCY_BANDS = ['empty', 'below_half', 'below_full', 'full', 'over'] as const;
export type OccupancyBand = (typeof OCCUPANCY_BANDS)[number];

export function occupancyBand(ratio: number): OccupancyBand {
	if (ratio <= 0) return 'empty';
	if (ratio < 0.5) return 'below_half';
	if (ratio < 0.9) return 'below_full';
	if (ratio <= 1) return 'full';
	return 'over';
}

/** True when totals under this review filter count rows that are not validated. */
export const includesUnvalidated = (f: { reviewState: ReviewFilter }) =>
	f.reviewState !== 'validated';
