/**
 * Sex- and age-disaggregated people counts (SADD), the one shape every record that counts people
 * uses: female and male in four age bands, plus persons with disabilities counted across them.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import {
	PEOPLE_FIELDS,
	peopleOf,
	totalPeople,
	disabledRule,
	type PeopleField
} from './plain/people';

export * from './plain/people';

/** A count of people: a whole, non-negative number below a sane ceiling. */
const countField = z.coerce
	.number({ error: () => m.error_not_a_number() })
	.int({ error: () => m.error_whole_number() })
	.min(0, { error: () => m.error_negative() })
	.max(10_000_000, { error: () => m.error_too_large() });

type PeopleShape<P extends string> = {
	[K in PeopleField as `${P}${K}`]: z.ZodDefault<typeof countField>;
};

/**
 * Zod fields for a people count, flat so that plain HTML forms can post them; `prefix` tells two
 * counts of one record apart (`targeted_f_0_5`, `reached_f_0_5`).
 */
export function peopleShape<P extends string = ''>(prefix: P = '' as P): PeopleShape<P> {
	return Object.fromEntries(
		PEOPLE_FIELDS.map((k) => [`${prefix}${k}`, countField.default(0)])
	) as PeopleShape<P>;
}

/** Checks `disabledRule`; use inside a `superRefine` of any schema that spreads `peopleShape(prefix)`. */
export function checkPeople(
	data: Record<string, unknown>,
	ctx: z.RefinementCtx,
	prefix = ''
): void {
	const c = peopleOf(data, prefix);
	const total = totalPeople(c);
	if (c.disabled > total) {
		ctx.addIssue({
			code: 'custom',
			path: [disabledRule(prefix).path],
			message: m.error_part_exceeds_total({ part: c.disabled, total })
		});
	}
}

/** A people count on its own (API bodies, nested JSON). */
export const peopleCountSchema = z
	.object(peopleShape())
	.superRefine((c, ctx) => checkPeople(c, ctx));
