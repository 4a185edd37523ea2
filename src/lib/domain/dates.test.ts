import { describe, expect, it } from 'vitest';
import {
	addDays,
	calendarDay,
	cambodiaIso,
	dayInCambodia,
	fromCambodiaTime,
	isCalendarDay,
	parseInstant,
	pastDay,
	pastDayIn,
	pastInstant,
	plannedDay,
	plannedInstant,
	responseDayProblem,
	toCambodiaTime,
	todayInCambodia
} from './dates';

const messages = (schema: { safeParse: (v: unknown) => unknown }, value: unknown) => {
	const r = schema.safeParse(value) as {
		success: boolean;
		error?: { issues: { message: string }[] };
	};
	return r.success ? [] : (r.error?.issues.map((i) => i.message) ?? []);
};

describe("Cambodia's time", () => {
	it('is seven hours ahead of UTC, all year', () => {
		const at = new Date('2014-06-12T23:00:00.000Z');
		expect(dayInCambodia(at)).toBe('2014-06-13');
		expect(toCambodiaTime(at)).toBe('2014-06-13T06:00');
		expect(cambodiaIso(at)).toBe('2014-06-13T06:00:00+07:00');
		expect(fromCambodiaTime('2014-06-13T06:00').getTime()).toBe(at.getTime());
		expect(dayInCambodia(new Date('2020-12-31T17:00:00Z'))).toBe('2021-01-01');
		expect(todayInCambodia(new Date('2020-12-31T16:59:59Z'))).toBe('2020-12-31');
	});

	it('reads a time without a zone as Cambodia’s and one with a zone as written', () => {
		expect(parseInstant('2014-06-13T06:00')?.toISOString()).toBe('2014-06-12T23:00:00.000Z');
		expect(parseInstant('2014-06-13T06:00:30')?.toISOString()).toBe('2014-06-12T23:00:30.000Z');
		expect(parseInstant('2014-06-12T23:00:00.000Z')?.toISOString()).toBe(
			'2014-06-12T23:00:00.000Z'
		);
		expect(parseInstant('2014-06-13T06:00+07:00')?.toISOString()).toBe('2014-06-12T23:00:00.000Z');
	});
});

describe('the calendar', () => {
	it('has the days of the Gregorian calendar, every day of years around the leap rules, written only as YYYY-MM-DD', () => {
		// The Gregorian rules, by arithmetic: a leap year every 4, not every 100, every 400.
		const byRules = (day: string) => {
			const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
			if (!match) return false;
			const [, y, mo, d] = match.map(Number);
			const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
			const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
			return days !== undefined && d >= 1 && d <= days;
		};
		const two = (n: number) => String(n).padStart(2, '0');
		for (const y of ['0000', '0004', '1900', '1996', '2000', '2019', '2020', '2100', '2400'])
			for (let mo = 0; mo <= 13; mo++)
				for (let d = 0; d <= 32; d++) {
					const day = `${y}-${two(mo)}-${two(d)}`;
					expect(isCalendarDay(day), day).toBe(byRules(day));
				}
		for (const day of ['2014-6-01', '2014/06/01', '20a4-06-01', '+014-06-01', '2014-06-01 ', ''])
			expect(isCalendarDay(day), day).toBe(false);
	});

	it('has no 31 June, 31 November or 29 February 2021, and no roll-over into the next month', () => {
		for (const day of ['2014-06-31', '2020-11-31', '2021-02-29', '2014-13-01', '2014-00-10'])
			expect(isCalendarDay(day), day).toBe(false);
		for (const day of ['2014-06-30', '2020-11-30', '2020-02-29', '0001-01-01', '9999-12-31'])
			expect(isCalendarDay(day), day).toBe(true);
		expect(parseInstant('2014-06-31T08:00')).toBeNull();
		expect(parseInstant('2014-06-30T24:00')).toBeNull();
		expect(messages(calendarDay, '2014-06-31')).toEqual([
			'There is no 2014-06-31 in the calendar.'
		]);
		expect(messages(calendarDay, '12/06/2014')).toEqual(['Enter a date as YYYY-MM-DD.']);
		expect(messages(pastDay, '9999-13-45')).toEqual(['There is no 9999-13-45 in the calendar.']);
	});
});

describe('the date rule', () => {
	const today = todayInCambodia();

	it('takes what happened up to today in Cambodia, with a day of slack for clocks', () => {
		expect(messages(pastDay, today)).toEqual([]);
		expect(messages(pastDay, addDays(today, 1))).toEqual([]);
		expect(messages(pastDay, addDays(today, 2))).toEqual([
			`This date is in the future: today is ${today} in Cambodia.`
		]);
		expect(messages(pastDay, '9999-12-31')).toHaveLength(1);
		expect(messages(pastDay, '1970-01-01')).toEqual(['Before 2000-01-01: check the year.']);
	});

	it('takes plans up to a year ahead', () => {
		expect(messages(plannedDay, addDays(today, 300))).toEqual([]);
		expect(messages(plannedDay, addDays(today, 400))).toEqual([
			`More than a year ahead: ${addDays(today, 366)} at the latest.`
		]);
		expect(messages(plannedInstant, '9999-12-31T08:00')).toHaveLength(1);
		expect(messages(plannedInstant, '0001-01-01T08:00')).toEqual([
			'Before 2000-01-01: check the year.'
		]);
		expect(messages(plannedInstant, '2014-06-31T08:00')).toEqual(['Enter a date and time.']);
	});

	it('takes a time that happened up to now, with minutes of slack, not hours', () => {
		const soon = new Date(Date.now() + 5 * 60_000);
		const later = new Date(Date.now() + 2 * 3_600_000);
		expect(messages(pastInstant, toCambodiaTime(soon))).toEqual([]);
		expect(messages(pastInstant, later.toISOString())).toHaveLength(1);
		expect(messages(pastInstant, '1970-01-01T00:00Z')).toEqual([
			'Before 2000-01-01: check the year.'
		]);
	});

	it('keeps records within their response, judging a time by its day in Cambodia', () => {
		const response = { startDate: '2014-06-07', endDate: '2014-07-31' };
		expect(responseDayProblem('2014-06-07', response)).toBeNull();
		expect(responseDayProblem('2014-06-06', response)).toBe(
			'Before the response began (2014-06-07).'
		);
		expect(responseDayProblem('2014-08-01', response)).toBe(
			'After the response ended (2014-07-31).'
		);
		// 23:30 UTC on 6 June is 06:30 on 7 June in Cambodia.
		expect(responseDayProblem(new Date('2014-06-06T23:30:00Z'), response)).toBeNull();
		expect(responseDayProblem('2030-01-01', { startDate: '2014-06-07', endDate: null })).toBeNull();
		expect(messages(pastDayIn(response), '2014-06-01')).toEqual([
			'Before the response began (2014-06-07).'
		]);
		expect(messages(pastDayIn(response), '2014-06-31')).toEqual([
			'There is no 2014-06-31 in the calendar.'
		]);
	});
});
