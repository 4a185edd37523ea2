import { describe, expect, it } from 'vitest';
import { cambodiaIso } from '$lib/domain/dates';
import { exportTime } from './writers';

describe("an export's times", () => {
	it('are written as cambodiaIso writes them, whatever the instant', () => {
		const instants = [
			0,
			1,
			Date.UTC(2014, 5, 12, 23, 0, 0),
			Date.UTC(2014, 5, 12, 16, 59, 59, 999), // 23:59:59 in Cambodia
			Date.UTC(2014, 5, 12, 17, 0, 0), // midnight in Cambodia: the next day
			Date.UTC(2020, 1, 28, 17, 30, 15, 500), // the 29th of February
			Date.UTC(9999, 11, 31, 16, 59, 59, 999),
			Date.UTC(9999, 11, 31, 17, 0, 0), // the year 10000 in Cambodia
			-1,
			Date.UTC(1969, 11, 31, 17, 0, 0)
		];
		// And a spread of instants, a prime number of seconds apart, over several years.
		for (let t = Date.UTC(2013, 0, 1); t < Date.UTC(2016, 0, 1); t += 7_919_003) instants.push(t);
		for (const t of instants) expect(exportTime(new Date(t))).toBe(cambodiaIso(new Date(t)));
		expect(exportTime(new Date(Date.UTC(2014, 5, 12, 23)))).toBe('2014-06-13T06:00:00+07:00');
		expect(() => exportTime(new Date(Number.NaN))).toThrow(RangeError);
	});
});
