/**
 * The date rule of `dates.ts` as plain functions, without zod: every page formats dates, and
 * only pages with a form need zod. Import from `$lib/domain/dates`, which re-exports all of this;
 * `$lib/format` imports it directly so pages without a form do not download zod.
 */
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
	// The year set with the month and day: Date.UTC alone reads years 0–99 as 1900–1999.
	const date = new Date(0);
	date.setUTCFullYear(y, mo - 1, d);
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
export function plannedDayProblem(day: string, now = new Date()): string | null {
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
