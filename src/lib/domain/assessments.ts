/**
 * A rapid assessment, modelled on the HRF/NCDM form: where and when, who is affected and
 * displaced, damage, access, water and sanitation, ranked needs and quantities. One schema
 * checks it everywhere: the form on the phone before the outbox keeps it, the outbox before it
 * sends it, and the server, which has the last word.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import {
	PEOPLE_CELLS,
	checkPeople,
	peopleOf,
	peopleShape,
	totalPeople,
	type PartRule
} from './people';
import { BATCH_MAX_BYTES, BATCH_MAX_RECORDS } from './assessment-batch';
import { inCambodiaBbox } from './places';
import { pastDay, pastDayIn, type ResponseDates } from './dates';
import { clientId, isoDate, nullableText, pcode } from './validation';
import {
	NEEDS,
	MAX_RANKED_NEEDS,
	ACCESS,
	WATER_STATES,
	SANITATION_STATES,
	LOCATION_SOURCES,
	QUANTITY_KEYS,
	type Need,
	type QuantityKey
} from './plain/assessments';

export * from './plain/assessments';

/** A whole, non-negative number below a plausible ceiling for one village or commune. */
const count = (max: number) =>
	z.coerce
		.number({ error: () => m.error_not_a_number() })
		.int({ error: () => m.error_whole_number() })
		.min(0, { error: () => m.error_negative() })
		.max(max, { error: () => m.assess_error_implausible({ max }) })
		.default(0);

/** Degrees; empty means no point was given yet, which is its own message. */
const coordinate = (min: number, max: number) =>
	z.preprocess(
		(v) =>
			v === '' || v === null || v === undefined ? undefined : typeof v === 'string' ? Number(v) : v,
		z
			.number({
				error: (issue) =>
					issue.input === undefined ? m.assess_error_point_required() : m.error_not_a_number()
			})
			.min(min, { error: () => m.assess_error_outside_cambodia() })
			.max(max, { error: () => m.assess_error_outside_cambodia() })
	);

const HOUSEHOLDS = 200_000;
const HOUSES = 200_000;
const CASUALTIES = 50_000;
const ITEMS = 1_000_000;

const quantityShape = Object.fromEntries(QUANTITY_KEYS.map((k) => [k, count(ITEMS)])) as Record<
	QuantityKey,
	ReturnType<typeof count>
>;

const deviceId = clientId(() => m.assess_error_id());

const needsField = z
	.array(z.enum(NEEDS, { error: () => m.error_choose() }), { error: () => m.error_invalid() })
	.min(1, { error: () => m.assess_error_needs_required() })
	.max(MAX_RANKED_NEEDS, { error: () => m.assess_error_needs_max({ max: MAX_RANKED_NEEDS }) })
	.refine((needs) => new Set(needs).size === needs.length, {
		error: () => m.assess_error_needs_repeated()
	});

export const assessmentShape = {
	id: deviceId,
	responseId: z.coerce
		.number({ error: () => m.error_required() })
		.int({ error: () => m.error_invalid() })
		.positive({ error: () => m.error_required() }),

	// Where
	lon: coordinate(-180, 180),
	lat: coordinate(-90, 90),
	/** Metres, as the device reports its fix; none for a point picked on the map. */
	accuracyM: z.coerce
		.number({ error: () => m.error_not_a_number() })
		.min(0, { error: () => m.error_negative() })
		.max(100_000, { error: () => m.error_too_large() })
		.nullish()
		.transform((v) => v ?? null),
	locationSource: z.enum(LOCATION_SOURCES).default('manual'),
	/** Found from the point by the server when left empty. */
	pcode: z
		.union([z.literal(''), z.null(), pcode])
		.optional()
		.transform((v) => v || null),
	villageName: nullableText(200),

	// When
	observedOn: pastDay,

	// Who
	affectedHouseholds: count(HOUSEHOLDS),
	...peopleShape('affected_'),
	displacedHouseholds: count(HOUSEHOLDS),
	displacedPersons: count(1_000_000),
	displacedHhSites: count(HOUSEHOLDS),
	displacedHhHost: count(HOUSEHOLDS),
	displacedHhRoadside: count(HOUSEHOLDS),
	deaths: count(CASUALTIES),
	injured: count(CASUALTIES),
	missing: count(CASUALTIES),

	// Damage and services
	houses: count(HOUSES),
	housesFlooded: count(HOUSES),
	housesDamaged: count(HOUSES),
	housesDestroyed: count(HOUSES),
	access: z.enum(ACCESS, { error: () => m.error_choose() }),
	waterState: z.enum(WATER_STATES, { error: () => m.error_choose() }),
	sanitationState: z.enum(SANITATION_STATES, { error: () => m.error_choose() }),

	// Needs
	needs: needsField,
	...quantityShape,
	notes: nullableText(2000)
};

type Issue = { path: string; message: string };

const AFFECTED_CELLS = PEOPLE_CELLS.map((c) => `affected_${c}`);

/**
 * The rules between fields, as data: parts never exceed their totals, persons never fewer than
 * households. The schema checks them, and the ODK and KoBo forms are built from the same list.
 */
export const PART_RULES: readonly PartRule[] = [
	{ path: 'displacedHouseholds', parts: ['displacedHouseholds'], total: ['affectedHouseholds'] },
	{ path: 'displacedPersons', parts: ['displacedPersons'], total: AFFECTED_CELLS },
	{
		path: 'displacedHhSites',
		parts: ['displacedHhSites', 'displacedHhHost', 'displacedHhRoadside'],
		total: ['displacedHouseholds']
	},
	{ path: 'housesFlooded', parts: ['housesFlooded'], total: ['houses'] },
	{ path: 'housesDamaged', parts: ['housesDamaged', 'housesDestroyed'], total: ['houses'] }
];

/** Households are at most as many as the persons in them, once persons are counted. */
export interface HouseholdRule {
	path: string;
	households: string;
	persons: string[];
}
export const HOUSEHOLD_RULES: readonly HouseholdRule[] = [
	{ path: 'affectedHouseholds', households: 'affectedHouseholds', persons: AFFECTED_CELLS },
	{ path: 'displacedHouseholds', households: 'displacedHouseholds', persons: ['displacedPersons'] }
];

function assessmentIssues(a: Record<string, unknown>): Issue[] {
	const issues: Issue[] = [];
	const sum = (keys: readonly string[]) => keys.reduce((s, k) => s + Number(a[k] ?? 0), 0);
	const lon = Number(a.lon ?? 0);
	const lat = Number(a.lat ?? 0);
	if (Number.isFinite(lon) && Number.isFinite(lat) && !inCambodiaBbox(lon, lat)) {
		issues.push({ path: 'lon', message: m.assess_error_outside_cambodia() });
	}
	for (const rule of PART_RULES) {
		const part = sum(rule.parts);
		const total = sum(rule.total);
		if (part > total) {
			issues.push({ path: rule.path, message: m.error_part_exceeds_total({ part, total }) });
		}
	}
	for (const rule of HOUSEHOLD_RULES) {
		const persons = sum(rule.persons);
		if (persons > 0 && sum([rule.households]) > persons) {
			issues.push({ path: rule.path, message: m.assess_error_households_persons() });
		}
	}
	return issues;
}

const schemaWith = (observedOn: typeof pastDay) =>
	z.object({ ...assessmentShape, observedOn }).superRefine((a, ctx) => {
		checkPeople(a, ctx, 'affected_');
		for (const issue of assessmentIssues(a)) {
			ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
		}
	});

export const assessmentSchema = schemaWith(pastDay);

export { BATCH_MAX_BYTES, BATCH_MAX_RECORDS, SINGLE_MAX_BYTES } from './assessment-batch';

/**
 * A batch as the API reads it: each record is checked on its own (a bad one is answered for
 * itself, not the batch), so here they are anything.
 */
export const assessmentBatchSchema = z.strictObject({
	records: z
		.array(z.unknown())
		.min(1)
		.max(BATCH_MAX_RECORDS)
		.describe(
			`1 to ${BATCH_MAX_RECORDS} assessments, each as the single submission takes it; the body at most ${BATCH_MAX_BYTES / 1000} kB.`
		)
});

/**
 * The schema as the device checks a submission, knowing its response's dates: the form says
 * "before the response began" at the date, before the outbox keeps it, not days later.
 */
export function assessmentSchemaIn(response: ResponseDates) {
	return schemaWith(pastDayIn(response));
}

/** The filters the assessments API takes (the list and the map points), strict: bad ones are a 400. */
export const assessmentApiFilters = {
	responseId: z.coerce.number().int().positive(),
	from: isoDate.optional(),
	to: isoDate.optional(),
	area: pcode.optional(),
	access: z.enum(ACCESS).optional()
};

export type AssessmentInput = z.input<typeof assessmentSchema>;
export type Assessment = z.output<typeof assessmentSchema>;

export function affectedPersons(a: Record<string, unknown>): number {
	return totalPeople(peopleOf(a, 'affected_'));
}

/**
 * The Borda count of ranked needs: with up to five ranks, a first priority earns 5 points, a
 * second 4, … a fifth 1; unranked needs earn nothing. Summed over assessments, it rewards needs
 * ranked high by many teams, which neither "most often first" nor "most often named" does alone.
 */
export function bordaPoints(rank: number): number {
	return rank >= 1 && rank <= MAX_RANKED_NEEDS ? MAX_RANKED_NEEDS - rank + 1 : 0;
}

export interface NeedScore {
	need: Need;
	points: number;
	first: number;
	named: number;
}

export function rankNeeds(rankings: Iterable<readonly string[]>): NeedScore[] {
	const scores = new Map<Need, NeedScore>(
		NEEDS.map((need) => [need, { need, points: 0, first: 0, named: 0 }])
	);
	for (const needs of rankings) {
		needs.forEach((need, i) => {
			const s = scores.get(need as Need);
			if (!s) return;
			s.points += bordaPoints(i + 1);
			s.named += 1;
			if (i === 0) s.first += 1;
		});
	}
	return [...scores.values()].sort(
		(a, b) =>
			b.points - a.points || b.first - a.first || NEEDS.indexOf(a.need) - NEEDS.indexOf(b.need)
	);
}

/** Great-circle distance in metres (haversine), for "within a few hundred metres". */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
	const rad = Math.PI / 180;
	const dLat = (lat2 - lat1) * rad;
	const dLon = (lon2 - lon1) * rad;
	const h =
		Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
	return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** Two assessments of one day closer than this are likely of the same place. */
export const DUPLICATE_RADIUS_M = 300;

/** An area's totals over the counted assessments (duplicates left out). */
export interface AreaTotals {
	pcode: string | null;
	nameEn: string | null;
	nameKm: string | null;
	assessments: number;
	affectedHouseholds: number;
	affectedPersons: number;
	displacedHouseholds: number;
	displacedPersons: number;
	housesFlooded: number;
	housesDamaged: number;
	housesDestroyed: number;
}
