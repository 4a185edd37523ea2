/**
 * The Shelter Sector: sites with their population, the NFI catalogue, and partners' 4W
 * activities with a review workflow. Schemas check input the same way in forms, the API and
 * the importer; the calculations (occupancy, Sphere, needs) are pure so pages and tests share them.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { checkPeople, PEOPLE_FIELDS, peopleOf, peopleShape, totalPeople } from './people';
import {
	latestDay,
	optionalDay,
	parseInstant,
	pastDay,
	pastInstantProblem,
	plannedDay,
	todayInCambodia
} from './dates';
import { checkPoint, pointShape } from './points';
import { clientId, isoDate, nullableText, pcode, requiredText } from './validation';
import {
	SITE_KINDS,
	SITE_STATUSES,
	CATALOGUE_KINDS,
	STANDARD_PER,
	type StandardPer,
	ACTIVITY_TYPES,
	MODALITIES,
	ACTIVITY_STATUSES,
	type ReviewState,
	REVIEW_FILTERS,
	DEFAULT_REVIEW_FILTER,
	OCCUPANCY_BANDS
} from './plain/shelter';

export * from './plain/shelter';

const whole = (min: number, max = 10_000_000) =>
	z.coerce
		.number({ error: () => m.error_not_a_number() })
		.int({ error: () => m.error_whole_number() })
		.min(min, { error: () => (min > 0 ? m.shel_error_positive() : m.error_negative()) })
		.max(max, { error: () => m.error_too_large() });

const id = z.coerce
	.number({ error: () => m.error_required() })
	.int({ error: () => m.error_invalid() })
	.positive({ error: () => m.error_required() });

const optionalId = z
	.union([z.literal(''), z.literal(0), z.null(), id])
	.optional()
	.transform((v) => v || null);

const optionalPcode = z
	.union([z.literal(''), z.null(), pcode])
	.optional()
	.transform((v) => v || null);

// ---------------------------------------------------------------------------------------------
// Sites

const siteShape = {
	nameEn: requiredText(200),
	nameKm: requiredText(200),
	kind: z.enum(SITE_KINDS, { error: () => m.error_choose() }),
	...pointShape,
	/** Found from the point when left empty. */
	pcode: optionalPcode,
	capacity: whole(1, 1_000_000),
	coveredAreaM2: z.coerce
		.number({ error: () => m.error_not_a_number() })
		.gt(0, { error: () => m.shel_error_positive() })
		.max(10_000_000, { error: () => m.error_too_large() }),
	managingOrganisationId: id,
	status: z.enum(SITE_STATUSES, { error: () => m.error_choose() }).default('open'),
	/** A site may have opened before the response (a pagoda used in every flood): no floor. */
	openedOn: pastDay,
	closedOn: optionalDay(pastDay),
	waterPoints: whole(0, 100_000).default(0),
	latrines: whole(0, 100_000).default(0)
};

export const siteSchema = z.object(siteShape).superRefine((s, ctx) => {
	checkPoint(s, ctx, { required: true });
	if (s.closedOn && s.closedOn < s.openedOn) {
		ctx.addIssue({ code: 'custom', path: ['closedOn'], message: m.error_end_before_start() });
	}
	if (s.status === 'closed' && !s.closedOn) {
		ctx.addIssue({ code: 'custom', path: ['closedOn'], message: m.shel_error_closed_on() });
	}
});
export type SiteInput = z.input<typeof siteSchema>;
export type Site = z.output<typeof siteSchema>;

/**
 * `YYYY-MM-DDTHH:mm` from a datetime-local field (Cambodia's time), or a full ISO time from the
 * API: a real time, not later than now. The latest count is the site's occupancy, so a count
 * dated ahead (9999, 2027) would hide every real one until then.
 */
const asOfField = z
	.string({ error: () => m.error_required() })
	.trim()
	.min(1, { error: () => m.error_required() })
	.superRefine((v, ctx) => {
		const at = parseInstant(v);
		const problem = at ? pastInstantProblem(at) : m.error_datetime();
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	});

/** The instant of a validated `asOf` (a time without a zone is Cambodia's). */
export function asOfDate(value: string): Date {
	return parseInstant(value) ?? new Date(Number.NaN);
}

const populationShape = {
	/** Made by the form or the device: the count sent twice is kept once. */
	id: clientId(),
	asOf: asOfField,
	households: whole(0, 1_000_000).default(0),
	...peopleShape()
};

type PopulationFields = z.output<z.ZodObject<typeof populationShape>>;

function checkPopulation(p: PopulationFields, ctx: z.RefinementCtx) {
	// A count already refused (negative) would only add confusing sums.
	if (PEOPLE_FIELDS.some((k) => p[k] < 0) || p.households < 0) return;
	checkPeople(p, ctx);
	const persons = totalPeople(peopleOf(p));
	if (p.households > persons) {
		ctx.addIssue({ code: 'custom', path: ['households'], message: m.shel_error_households() });
	}
}

export const populationSchema = z.object(populationShape).superRefine(checkPopulation);
export type PopulationInput = z.input<typeof populationSchema>;
export type Population = z.output<typeof populationSchema>;

const reasonField = requiredText(500);

/** A count that replaces a named earlier one of the same site, saying why that one was wrong. */
export const correctionSchema = z
	.object({ ...populationShape, replaces: id, reason: reasonField })
	.superRefine(checkPopulation);
export type CorrectionInput = z.input<typeof correctionSchema>;
export type Correction = z.output<typeof correctionSchema>;
/** The same without the count it replaces, which the API takes from the URL. */
export const correctionBodySchema = z
	.object({ ...populationShape, reason: reasonField })
	.superRefine(checkPopulation);

/** Withdraws a count as wrong without a replacement (a count made at the wrong site, say). */
export const retractionSchema = z.object({ retracts: id, reason: reasonField });
export const retractionBodySchema = z.object({ reason: reasonField });
export type RetractionInput = z.input<typeof retractionSchema>;
export type Retraction = z.output<typeof retractionSchema>;

// ---------------------------------------------------------------------------------------------
// NFI catalogue

/** A kit holds whole things: 2 tarpaulins, never 1.5. */
const componentSchema = z.object({
	itemId: id,
	quantity: whole(1, 10_000)
});

export const catalogueSchema = z
	.object({
		kind: z.enum(CATALOGUE_KINDS, { error: () => m.error_choose() }),
		code: z
			.string({ error: () => m.error_required() })
			.trim()
			.toUpperCase()
			.regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, { error: () => m.shel_error_code() }),
		nameEn: requiredText(120),
		nameKm: requiredText(120),
		unit: requiredText(40),
		standardQty: z.coerce
			.number({ error: () => m.error_not_a_number() })
			.min(0, { error: () => m.error_negative() })
			.max(1000, { error: () => m.error_too_large() })
			.default(0),
		standardPer: z.enum(STANDARD_PER, { error: () => m.error_choose() }).default('household'),
		components: z.array(componentSchema).default([])
	})
	.superRefine((c, ctx) => {
		if (c.kind === 'kit' && c.components.length === 0) {
			ctx.addIssue({ code: 'custom', path: ['components'], message: m.shel_error_kit_empty() });
		}
		if (c.kind === 'item' && c.components.length > 0) {
			ctx.addIssue({ code: 'custom', path: ['components'], message: m.shel_error_item_parts() });
		}
		const seen = new Set<number>();
		c.components.forEach((part, i) => {
			if (seen.has(part.itemId)) {
				ctx.addIssue({
					code: 'custom',
					path: ['components', i, 'itemId'],
					message: m.shel_error_repeated()
				});
			}
			seen.add(part.itemId);
		});
	});
export type CatalogueInput = z.input<typeof catalogueSchema>;
export type CatalogueEntry = z.output<typeof catalogueSchema>;

export interface KitPart {
	itemId: number;
	quantity: number;
}

/** Item lines in items: a kit counts as its components times the number of kits. */
export function explodeLines(
	lines: Iterable<{ catalogueId: number; quantity: number }>,
	kits: ReadonlyMap<number, readonly KitPart[]>
): Map<number, number> {
	const out = new Map<number, number>();
	const add = (itemId: number, q: number) => out.set(itemId, (out.get(itemId) ?? 0) + q);
	for (const line of lines) {
		const parts = kits.get(line.catalogueId);
		if (parts) for (const p of parts) add(p.itemId, p.quantity * line.quantity);
		else add(line.catalogueId, line.quantity);
	}
	return out;
}

/** What the sector's standard says an area needs of one item. */
export function standardNeed(
	entry: { standardQty: number; standardPer: StandardPer },
	households: number,
	persons: number
): number {
	return Math.ceil(entry.standardQty * (entry.standardPer === 'household' ? households : persons));
}

// ---------------------------------------------------------------------------------------------
// 4W activities

const lineSchema = z.object({
	catalogueId: id,
	quantity: whole(1, 10_000_000)
});
export type ActivityLine = z.output<typeof lineSchema>;

const activityShape = {
	activityType: z.enum(ACTIVITY_TYPES, { error: () => m.error_choose() }),
	modality: z.enum(MODALITIES, { error: () => m.error_choose() }),
	/** The reporting organisation; a partner's own whatever they send. */
	organisationId: optionalId,
	implementingPartnerId: optionalId,
	donor: nullableText(200),
	pcode: optionalPcode,
	siteId: optionalId,
	/** Plans may lie ahead (a year at most); what started or ended is checked across fields. */
	startDate: plannedDay,
	endDate: optionalDay(plannedDay),
	status: z.enum(ACTIVITY_STATUSES, { error: () => m.error_choose() }),
	targetedHouseholds: whole(0, 1_000_000).default(0),
	...peopleShape('targeted_'),
	reachedHouseholds: whole(0, 1_000_000).default(0),
	...peopleShape('reached_'),
	note: nullableText(2000),
	items: z.array(lineSchema).default([])
};

type Issue = { path: (string | number)[]; message: string };

/** The rules across fields, shared by the form, the API and the importer. */
function activityIssues(a: {
	pcode: string | null;
	siteId: number | null;
	startDate: string;
	endDate: string | null;
	targetedHouseholds: number;
	reachedHouseholds: number;
	note: string | null;
	items: ActivityLine[];
	[k: string]: unknown;
}): Issue[] {
	const issues: Issue[] = [];
	if (!a.pcode && !a.siteId) issues.push({ path: ['pcode'], message: m.shel_error_where() });
	issues.push(...activityDateIssues(a));
	if (!a.note) {
		if (a.reachedHouseholds > a.targetedHouseholds) {
			issues.push({ path: ['reachedHouseholds'], message: m.shel_error_reached_over() });
		}
		const targeted = totalPeople(peopleOf(a, 'targeted_'));
		const reached = totalPeople(peopleOf(a, 'reached_'));
		if (reached > targeted) {
			issues.push({ path: ['reached_f_18_59'], message: m.shel_error_reached_over() });
		}
	}
	const seen = new Set<number>();
	a.items.forEach((line, i) => {
		if (seen.has(line.catalogueId)) {
			issues.push({ path: ['items', i, 'catalogueId'], message: m.shel_error_repeated() });
		}
		seen.add(line.catalogueId);
	});
	return issues;
}

/**
 * The date rule for a 4W row: the end not before the start; an ongoing or completed activity has
 * started (not after today in Cambodia); a completed one has ended (its end, or its start when it
 * has none, not after today). The response's start is checked by the service, which knows it.
 */
function activityDateIssues(a: {
	startDate: string;
	endDate: string | null;
	status?: unknown;
}): Issue[] {
	const issues: Issue[] = [];
	const latest = latestDay();
	const today = todayInCambodia();
	if (a.endDate && a.endDate < a.startDate) {
		issues.push({ path: ['endDate'], message: m.error_end_before_start() });
	}
	if ((a.status === 'ongoing' || a.status === 'completed') && a.startDate > latest) {
		issues.push({ path: ['startDate'], message: m.shel_error_not_started({ today }) });
	}
	if (a.status === 'completed' && (a.endDate ?? a.startDate) > latest) {
		const path = a.endDate ? 'endDate' : 'startDate';
		issues.push({ path: [path], message: m.shel_error_completed_future({ today }) });
	}
	return issues;
}

export const activitySchema = z.object(activityShape).superRefine((a, ctx) => {
	checkPeople(a, ctx, 'targeted_');
	checkPeople(a, ctx, 'reached_');
	for (const issue of activityIssues(a)) {
		ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
	}
});
export type ActivityInput = z.input<typeof activitySchema>;
export type Activity = z.output<typeof activitySchema>;

/** The review moves and the state each leads to. */
export const REVIEW_MOVES = {
	submit: { from: ['draft', 'returned'], to: 'submitted' },
	validate: { from: ['submitted'], to: 'validated' },
	return: { from: ['submitted'], to: 'returned' },
	reopen: { from: ['validated'], to: 'returned' }
} as const satisfies Record<string, { from: readonly ReviewState[]; to: ReviewState }>;
export type ReviewMove = keyof typeof REVIEW_MOVES;

export const reviewSchema = z
	.object({
		move: z.enum(['submit', 'validate', 'return', 'reopen'], { error: () => m.error_choose() }),
		comment: nullableText(2000)
	})
	.superRefine((r, ctx) => {
		if ((r.move === 'return' || r.move === 'reopen') && !r.comment) {
			ctx.addIssue({ code: 'custom', path: ['comment'], message: m.shel_error_comment() });
		}
	});
export type Review = z.output<typeof reviewSchema>;

/** `YYYY-MM` to its first and last day. */
export function monthBounds(month: string): [string, string] {
	const [y, mo] = month.split('-').map(Number);
	const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
	return [`${month}-01`, `${month}-${String(last).padStart(2, '0')}`];
}

/** The 4W matrix's filters, from a page's or the API's query string. */
export const matrixFilterSchema = z.object({
	responseId: z.coerce.number().int().positive(),
	organisationId: z.coerce.number().int().positive().optional(),
	activityType: z.enum(ACTIVITY_TYPES).optional(),
	area: pcode.optional(),
	status: z.enum(ACTIVITY_STATUSES).optional(),
	reviewState: z.enum(REVIEW_FILTERS).default(DEFAULT_REVIEW_FILTER),
	month: z
		.string()
		.regex(/^\d{4}-(0[1-9]|1[0-2])$/)
		.optional(),
	/** Started on or before this day (a sitrep's as-of day). */
	to: isoDate.optional()
});
export type MatrixFilter = z.output<typeof matrixFilterSchema>;

/** The Gaps export's filters: the page's (the day, the areas' level, the 4W rows counted). */
export const gapsFilterSchema = z.object({
	responseId: z.coerce.number().int().positive(),
	level: z.enum(['province', 'district']).default('district'),
	asOf: isoDate.optional(),
	activityType: z.enum(ACTIVITY_TYPES).optional(),
	reviewState: z.enum(REVIEW_FILTERS).default(DEFAULT_REVIEW_FILTER)
});
export type GapsExportFilter = z.output<typeof gapsFilterSchema>;

const blankAsUnset = (v: unknown) => (v === '' ? undefined : v);

/** The sites list's filters: the page's query and, with the response, the export's parameters. */
export const siteFilterSchema = z.object({
	/** The day (in Cambodia) the population is as of; today when unset. */
	asOf: z.preprocess(blankAsUnset, isoDate.optional()),
	kind: z.preprocess(blankAsUnset, z.enum(SITE_KINDS).optional()),
	status: z.preprocess(blankAsUnset, z.enum(SITE_STATUSES).optional()),
	band: z.preprocess(blankAsUnset, z.enum(OCCUPANCY_BANDS).optional()),
	area: z.preprocess(blankAsUnset, pcode.optional()),
	belowSphere: z.preprocess((v) => v === 'on' || v === '1' || v === true, z.boolean())
});
