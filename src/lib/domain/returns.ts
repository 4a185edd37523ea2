/**
 * The mass return: arrival tallies at crossing points, transport manifests and their
 * passengers, and the reconciliation crossed → dispatched → arrived. Shared by forms, the API
 * and the services, which have the last word (dates against the response, capacity, status).
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import {
	checkPeople,
	emptyPeople,
	peopleOf,
	peopleShape,
	totalPeople,
	type PeopleCount,
	type Sex
} from './people';
import { pastDay, pastInstant, plannedInstant } from './dates';
import { checkPoint, pointShape } from './points';
import { clientId, isoDate, nullableText, pcode, phone, requiredText } from './validation';
import {
	SHIFTS,
	VEHICLE_KINDS,
	MANIFEST_MODES,
	MANIFEST_STATUSES,
	PASSENGER_FLAGS,
	ageBand,
	RETURN_LOCATION_KINDS
} from './plain/returns';

export * from './plain/returns';

const count = z.coerce
	.number({ error: () => m.error_not_a_number() })
	.int({ error: () => m.error_whole_number() })
	.min(0, { error: () => m.error_negative() })
	.max(1_000_000, { error: () => m.error_too_large() });

const id = z.coerce
	.number({ error: () => m.error_required() })
	.int({ error: () => m.error_required() })
	.positive({ error: () => m.error_required() });

const provincePcode = pcode.refine((p) => p.length === 4, {
	error: () => m.ret_error_province()
});

const destinationSchema = z.object({
	pcode: provincePcode,
	persons: count.min(1, { error: () => m.error_too_small({ min: '1' }) })
});
export type Destination = z.output<typeof destinationSchema>;

const tallyShape = {
	/** The id the form or device made for a new tally; a correction keeps the tally's own. */
	id: clientId().optional(),
	responseId: id,
	locationId: id,
	arrivedOn: pastDay,
	shift: z.enum(SHIFTS, { error: () => m.error_choose() }),
	...peopleShape(),
	unaccompaniedChildren: count.default(0),
	pregnantLactating: count.default(0),
	healthReferrals: count.default(0),
	traffickingReferrals: count.default(0),
	notes: nullableText(1000),
	destinations: z.array(destinationSchema).max(25).default([])
};

type Issue = { path: (string | number)[]; message: string };

/**
 * Parts never exceed their wholes: children travelling alone are among the children, pregnant
 * or lactating women among the women, referrals among the persons, and the destinations add up
 * to at most the tally (some may not know yet).
 */
function tallyIssues(t: Record<string, unknown> & { destinations?: Destination[] }): Issue[] {
	const c = peopleOf(t);
	const total = totalPeople(c);
	const kids = c.f_0_5 + c.m_0_5 + c.f_6_17 + c.m_6_17;
	const women = c.f_6_17 + c.f_18_59 + c.f_60;
	const issues: Issue[] = [];
	const over = (path: string, part: number, whole: number) => {
		if (part > whole)
			issues.push({ path: [path], message: m.error_part_exceeds_total({ part, total: whole }) });
	};
	over('unaccompaniedChildren', Number(t.unaccompaniedChildren ?? 0), kids);
	over('pregnantLactating', Number(t.pregnantLactating ?? 0), women);
	over('healthReferrals', Number(t.healthReferrals ?? 0), total);
	over('traffickingReferrals', Number(t.traffickingReferrals ?? 0), total);
	const dests = t.destinations ?? [];
	const sent = dests.reduce((s, d) => s + d.persons, 0);
	if (sent > total) {
		issues.push({
			path: ['destinations'],
			message: m.ret_error_destinations_exceed({ sent, total })
		});
	}
	const seen = new Set<string>();
	dests.forEach((d, i) => {
		if (seen.has(d.pcode))
			issues.push({ path: ['destinations', i, 'pcode'], message: m.ret_error_destination_twice() });
		seen.add(d.pcode);
	});
	return issues;
}

function checkTally(t: z.output<z.ZodObject<typeof tallyShape>>, ctx: z.RefinementCtx) {
	checkPeople(t, ctx);
	for (const i of tallyIssues(t))
		ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
}

/** A correction of a tally. */
export const tallySchema = z.object(tallyShape).superRefine(checkTally);
export type TallyInput = z.input<typeof tallySchema>;
export type Tally = z.output<typeof tallySchema>;

/** A new tally, with the id its form or device made: sent twice, it is kept once. */
export const newTallySchema = z.object({ ...tallyShape, id: clientId() }).superRefine(checkTally);
export type NewTallyInput = z.input<typeof newTallySchema>;
export type NewTally = z.output<typeof newTallySchema>;

export const passengerSchema = z.object({
	name: requiredText(120),
	sex: z.enum(['f', 'm'], { error: () => m.error_choose() }),
	age: z.coerce
		.number({ error: () => m.error_not_a_number() })
		.int({ error: () => m.error_whole_number() })
		.min(0, { error: () => m.error_negative() })
		.max(120, { error: () => m.error_too_large() }),
	destPcode: z
		.union([z.literal(''), z.null(), pcode])
		.optional()
		.transform((v) => v || null),
	phone,
	flags: z.array(z.enum(PASSENGER_FLAGS, { error: () => m.error_choose() })).default([])
});
export type PassengerInput = z.input<typeof passengerSchema>;
export type PassengerData = z.output<typeof passengerSchema>;

const manifestShape = {
	/** The id the form or device made for a new manifest; an edit keeps the manifest's own. */
	id: clientId().optional(),
	responseId: id,
	originLocationId: id,
	vehicleKind: z.enum(VEHICLE_KINDS, { error: () => m.error_choose() }),
	plate: requiredText(30),
	capacity: z.coerce
		.number({ error: () => m.error_not_a_number() })
		.int({ error: () => m.error_whole_number() })
		.min(1, { error: () => m.error_too_small({ min: '1' }) })
		.max(500, { error: () => m.error_too_large() }),
	driverName: nullableText(120),
	driverPhone: phone,
	operatorOrganisationId: z.preprocess(
		(v) => (v === '' || v === null || v === undefined ? null : v),
		id.nullable()
	),
	destProvincePcode: provincePcode,
	destDistrictPcode: z
		.union([z.literal(''), z.null(), pcode])
		.optional()
		.transform((v) => v || null),
	plannedDeparture: plannedInstant,
	mode: z.enum(MANIFEST_MODES, { error: () => m.error_choose() })
};

function manifestIssues(v: {
	destProvincePcode?: string;
	destDistrictPcode?: string | null;
}): Issue[] {
	const d = v.destDistrictPcode;
	if (d && (d.length !== 6 || !v.destProvincePcode || !d.startsWith(v.destProvincePcode))) {
		return [{ path: ['destDistrictPcode'], message: m.ret_error_district() }];
	}
	return [];
}

export const manifestSchema = z.object(manifestShape).superRefine((v, ctx) => {
	for (const i of manifestIssues(v))
		ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
});
export type ManifestInput = z.input<typeof manifestSchema>;
export type ManifestData = z.output<typeof manifestSchema>;

/** The manifest form: details and, for a headcount, the flat SADD cells. */
export const manifestFormSchema = z
	.object({ ...manifestShape, ...peopleShape() })
	.superRefine((v, ctx) => {
		for (const i of manifestIssues(v))
			ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
		checkPeople(v, ctx);
	});
export type ManifestForm = z.output<typeof manifestFormSchema>;

/** The form for a new manifest, with the id it made when it was drawn: a re-post saves once. */
export const newManifestFormSchema = z
	.object({ ...manifestShape, ...peopleShape(), id: clientId() })
	.superRefine((v, ctx) => {
		for (const i of manifestIssues(v))
			ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
		checkPeople(v, ctx);
	});
export type NewManifestForm = z.output<typeof newManifestFormSchema>;

/** A new manifest with its load: passengers for a named list, a headcount otherwise. */
export const newManifestSchema = z
	.object({
		...manifestShape,
		id: clientId(),
		passengers: z.array(passengerSchema).max(500).default([]),
		headcount: z.object(peopleShape()).optional()
	})
	.superRefine((v, ctx) => {
		for (const i of manifestIssues(v))
			ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
		if (v.headcount) checkPeople(v.headcount, ctx);
	});
export type NewManifest = z.output<typeof newManifestSchema>;
export type NewManifestInput = z.input<typeof newManifestSchema>;

export const headcountSchema = z.object(peopleShape()).superRefine((c, ctx) => checkPeople(c, ctx));

export const statusChangeSchema = z.object({
	status: z.enum(MANIFEST_STATUSES, { error: () => m.error_choose() }),
	/** When it happened; now when not given. */
	at: z.preprocess((v) => (v === '' || v === null ? undefined : v), pastInstant.optional())
});
export type StatusChange = z.output<typeof statusChangeSchema>;

/** A seat on a named list, counted from 1 as the printed manifest numbers them. */
const seat = z.coerce
	.number({ error: () => m.error_not_a_number() })
	.int({ error: () => m.error_whole_number() })
	.min(1, { error: () => m.error_too_small({ min: '1' }) })
	.max(500, { error: () => m.error_too_large() });

export const arrivalSchema = z.object({
	at: z.preprocess((v) => (v === '' || v === null ? undefined : v), pastInstant.optional()),
	/** For a headcount manifest: how many got off the vehicle. */
	receivedCount: z.preprocess((v) => (v === '' || v === null ? undefined : v), count.optional()),
	/** For a named list, by a team that sees the names: the passengers who did not arrive. */
	missingIds: z.array(id).default([]),
	/** For a named list, by a receiving team that may not see names: the seats left empty. */
	missingSeats: z.array(seat).default([]),
	missingNote: nullableText(1000)
});
export type Arrival = z.output<typeof arrivalSchema>;

/** A passenger taken off a list that is still loading. */
export const removalSchema = z.object({ passengerId: id });

/** SADD of a named list, the same shape a headcount has. */
export function peopleOfPassengers(
	list: { sex: Sex; age: number; flags: readonly string[] }[]
): PeopleCount {
	const c = emptyPeople();
	for (const p of list) {
		c[`${p.sex}_${ageBand(p.age)}`] += 1;
		if (p.flags.includes('disabled')) c.disabled += 1;
	}
	return c;
}

export const reconFilters = z.object({
	from: isoDate.optional(),
	to: isoDate.optional(),
	pcode: provincePcode.optional()
});
export type ReconFilters = z.output<typeof reconFilters>;

/** The arrival counts page's filters: one place, a range of days. */
export const tallyFilters = z.object({
	locationId: id.optional(),
	from: isoDate.optional(),
	to: isoDate.optional()
});
export type TallyFilters = z.output<typeof tallyFilters>;

export const returnLocationSchema = z
	.object({
		kind: z.enum(RETURN_LOCATION_KINDS, { error: () => m.error_choose() }),
		nameEn: requiredText(120),
		nameKm: requiredText(120),
		pcode: z
			.union([z.literal(''), z.null(), pcode])
			.optional()
			.transform((v) => v || null),
		...pointShape,
		// No default: an unticked box is absent from the form, which must read as false.
		active: z.boolean()
	})
	.superRefine((v, ctx) => checkPoint(v, ctx, { required: true }));
export type ReturnLocationInput = z.output<typeof returnLocationSchema>;
