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
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';

const CAMBODIA_OFFSET = '+07:00';
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** A device a day ahead (or in another zone) still records "today": one day of slack. */
const CLOCK_SLACK_DAYS = 1;
/**
 * Counts and moves that happened at a time are judged to the minute: a clock a few minutes
 * fast is no reason to refuse, a time hours ahead is a mistake.
 */
const CLOCK_SLACK_MS = 10 * 60_000;
/** How far ahead a plan (a planned activity, a vehicle's departure, the next report) may be. */
const PLANNING_HORIZON_DAYS = 366;
/** No record in Sahakar is older: a year before this is a typing slip (1970, 0001). */
const EARLIEST_DAY = '2000-01-01';

export const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN =
	/^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** The calendar day (`YYYY-MM-DD`) of an instant, on a clock in Cambodia. */
export function dayInCambodia(at: Date): string {
	return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Today in Cambodia, as `YYYY-MM-DD`. */
export function todayInCambodia(now = new Date()): string {
	return dayInCambodia(now);
}

/** The last day a record of what happened may carry: today in Cambodia, plus the slack. */
export function latestDay(now = new Date()): string {
	return addDays(todayInCambodia(now), CLOCK_SLACK_DAYS);
}

/** The last day a plan may carry. */
function horizonDay(now = new Date()): string {
	return addDays(todayInCambodia(now), PLANNING_HORIZON_DAYS);
}

/** The first instant after the day `day` (`YYYY-MM-DD`) in Cambodia: what "as of that day" counts up to. */
export function endOfDayInCambodia(day: string): Date {
	return new Date(`${addDays(day, 1)}T00:00:00+07:00`);
}

/** The day (`YYYY-MM-DD`) `n` days after `day`. */
export function addDays(day: string, n: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Is `day` written `YYYY-MM-DD` and a day of the calendar (2014-06-31 is not)? */
export function isCalendarDay(day: string): boolean {
	const match = DAY_PATTERN.exec(day);
	if (!match) return false;
	const [, y, mo, d] = match.map(Number);
	const date = new Date(Date.UTC(y, mo - 1, d));
	// Date.UTC maps years 0–99 to 1900–1999; set the year again to keep it as written.
	date.setUTCFullYear(y);
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The instant as `YYYY-MM-DDTHH:mm` on a clock in Cambodia (what a datetime input shows). */
export function toCambodiaTime(at: Date): string {
	return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** `YYYY-MM-DDTHH:mm` on a clock in Cambodia → the instant. */
export function fromCambodiaTime(local: string): Date {
	return new Date(`${local.length === 16 ? `${local}:00` : local}${CAMBODIA_OFFSET}`);
}

/** The instant in ISO 8601 with Cambodia's offset, `2014-06-13T06:00:00+07:00`: for exports. */
export function cambodiaIso(at: Date): string {
	return `${new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19)}${CAMBODIA_OFFSET}`;
}

/**
 * The instant moved so that its UTC fields read Cambodia's clock: for formats without time
 * zones (an XLSX date cell shows its UTC fields as they are).
 */
export function cambodiaWallClock(at: Date): Date {
	return new Date(at.getTime() + OFFSET_MS);
}

/**
 * A time as people and programs write it: `2014-06-13T08:00` (Cambodia's, as a datetime input
 * gives it) or with a zone (`Z`, `+07:00`). Null when it is not one, or names a day or an hour
 * the calendar does not have (no roll-over from 2014-06-31 into July).
 */
export function parseInstant(value: string): Date | null {
	const match = TIME_PATTERN.exec(value.trim());
	if (!match) return null;
	const [, day, hh, mm, ss = '0', zone] = match;
	if (!isCalendarDay(day) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
	const at = new Date(zone ? value.trim() : `${value.trim()}${CAMBODIA_OFFSET}`);
	return Number.isNaN(at.getTime()) ? null : at;
}

// ---------------------------------------------------------------------------------------------
// The rule, as messages

export interface ResponseDates {
	startDate: string;
	endDate: string | null;
}

/** Why a day that happened is refused, or null: too early, or after today in Cambodia. */
export function pastDayProblem(day: string, now = new Date()): string | null {
	if (day < EARLIEST_DAY) return m.error_date_too_early({ date: EARLIEST_DAY });
	if (day > latestDay(now)) return m.error_date_future({ today: todayInCambodia(now) });
	return null;
}

/** Why a planned day is refused, or null: too early, or more than a year ahead. */
function plannedDayProblem(day: string, now = new Date()): string | null {
	if (day < EARLIEST_DAY) return m.error_date_too_early({ date: EARLIEST_DAY });
	if (day > horizonDay(now)) return m.error_date_too_far({ date: horizonDay(now) });
	return null;
}

/** Why an instant that happened is refused, or null: too early, or later than now. */
export function pastInstantProblem(at: Date, now = new Date()): string | null {
	if (dayInCambodia(at) < EARLIEST_DAY) return m.error_date_too_early({ date: EARLIEST_DAY });
	if (at.getTime() > now.getTime() + CLOCK_SLACK_MS)
		return m.error_time_future({ now: toCambodiaTime(now).replace('T', ' ') });
	return null;
}

/** Why a day (or an instant's day in Cambodia) is outside the response's dates, or null. */
export function responseDayProblem(day: string | Date, response: ResponseDates): string | null {
	const d = typeof day === 'string' ? day : dayInCambodia(day);
	if (d < response.startDate) return m.error_date_before_response({ date: response.startDate });
	if (response.endDate && d > response.endDate)
		return m.error_date_after_response({ date: response.endDate });
	return null;
}

/** The day a new record of a response starts with: today, or its last day if it is over. */
export function suggestedDay(response: ResponseDates, now = new Date()): string {
	const today = todayInCambodia(now);
	return response.endDate && response.endDate < today ? response.endDate : today;
}

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
