/**
 * Cambodia's time and the one date rule every record follows, on the phone, in forms, in the
 * API, in the 4W import and in the offline outbox. Cambodia keeps UTC+7 all year (no daylight
 * saving), so a wall-clock time there is one instant and a day there is a fixed 24 hours.
 *
 * The rule: a date is a real calendar day (no 2014-06-31 rolling over into July); what happened
 * is not after today in Cambodia (a day of slack for clocks and time zones); a plan is not more
 * than a year ahead; nothing is before 2000 (1970 and 0001 are slips of the keyboard); a record
 * of a response is not before the response began (nor after it ended) unless its field says
 * otherwise; an end is not before its start.
 *
 * The functions live in `calendar.ts` (no zod, so pages without a form load less) and are
 * re-exported here; this file adds the rule as zod building blocks.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import {
	DAY_PATTERN,
	dayInCambodia,
	isCalendarDay,
	parseInstant,
	pastDayProblem,
	pastInstantProblem,
	responseDayProblem,
	plannedDayProblem,
	type ResponseDates
} from './calendar';

export * from './calendar';

// ---------------------------------------------------------------------------------------------
// The rule, as zod building blocks

/** A calendar day as `YYYY-MM-DD`, one the calendar has. */
export const calendarDay = z
	.string({ error: () => m.error_required() })
	.trim()
	.regex(DAY_PATTERN, { error: () => m.error_date(), abort: true })
	.refine(isCalendarDay, {
		error: (issue) => m.error_date_unreal({ date: String(issue.input) }),
		abort: true
	});

/** A day something happened: not after today in Cambodia (with the slack), not before 2000. */
export const pastDay = calendarDay.superRefine((day, ctx) => {
	const problem = pastDayProblem(day);
	if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A day something is planned for: at most a year ahead, not before 2000. */
export const plannedDay = calendarDay.superRefine((day, ctx) => {
	const problem = plannedDayProblem(day);
	if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * A day that may be left empty ('' or null, stored as null); a day given keeps its own rule and
 * message (a union would hide them behind "invalid input").
 */
export const optionalDay = <T extends z.ZodType<string, string>>(day: T) =>
	z.preprocess((v) => (v === '' ? null : v), day.nullish()).transform((v) => v ?? null);

/** An instant from text (Cambodia's time when no zone is written) or a Date. */
const instant = z.preprocess(
	(v) => (typeof v === 'string' && v.trim() ? (parseInstant(v) ?? 'invalid') : v),
	z.date({
		error: (issue) =>
			issue.input === undefined || issue.input === null || issue.input === ''
				? m.error_required()
				: m.error_datetime()
	})
);

/** A planned instant (a vehicle's departure): real, not before 2000, at most a year ahead. */
export const plannedInstant = instant.superRefine((at, ctx) => {
	const problem = plannedDayProblem(dayInCambodia(at));
	if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** An instant something happened at: real, not before 2000, not later than now (with slack). */
export const pastInstant = instant.superRefine((at, ctx) => {
	const problem = pastInstantProblem(at);
	if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * A day something happened within a response, where the response's dates are known: on the
 * device, so the form says "before the response began" before the outbox keeps a submission.
 */
export const pastDayIn = (response: ResponseDates) =>
	pastDay.superRefine((day, ctx) => {
		const problem = responseDayProblem(day, response);
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	});
