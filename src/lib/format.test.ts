import { describe, expect, it } from 'vitest';
import {
	formatDateTime,
	formatDay,
	formatDayRange,
	formatNumber,
	formatPercent,
	formatTime,
	placeWithCode
} from './format';

describe('numbers', () => {
	it('are grouped in English and written in Khmer digits with Khmer separators', () => {
		expect(formatNumber(233500, { locale: 'en' })).toBe('233,500');
		expect(formatNumber(233500, { locale: 'km' })).toBe('២៣៣.៥០០');
		expect(formatNumber(1234567.25, { locale: 'en' })).toBe('1,234,567.25');
		expect(formatNumber(1234567.25, { locale: 'km' })).toBe('១.២៣៤.៥៦៧,២៥');
		expect(formatNumber(-1500, { locale: 'en' })).toBe('-1,500');
		expect(formatNumber(0, { locale: 'km' })).toBe('០');
		expect(formatNumber(3.14159, { locale: 'en', maximumFractionDigits: 1 })).toBe('3.1');
	});

	it('show a dash for what is not a number', () => {
		expect(formatNumber(null)).toBe('–');
		expect(formatNumber(Number.NaN)).toBe('–');
		expect(formatPercent(undefined)).toBe('–');
	});

	it('as percentages, rounded to the unit', () => {
		expect(formatPercent(0.416, 'en')).toBe('42%');
		expect(formatPercent(0.416, 'km')).toBe('៤២%');
	});
});

describe('days and times', () => {
	it('read the same whatever the machine: day, month written out, year', () => {
		expect(formatDay('2014-06-23', 'medium', 'en')).toBe('23 Jun 2014');
		expect(formatDay('2014-06-23', 'long', 'en')).toBe('23 June 2014');
		expect(formatDay('2014-06-03', 'medium', 'km')).toBe('៣ មិថុនា ២០១៤');
		expect(formatDay('2020-10-14', 'long', 'km')).toBe('១៤ តុលា ២០២០');
		expect(formatDay(null)).toBe('–');
	});

	it('give times on Cambodia’s 24-hour clock, with no Latin AM or PM in Khmer', () => {
		// 13:05 UTC is 20:05 in Phnom Penh.
		const at = new Date('2014-06-23T13:05:00Z');
		expect(formatTime(at, 'en')).toBe('20:05');
		expect(formatDateTime(at, 'en')).toBe('23 Jun 2014, 20:05');
		expect(formatDateTime(at, 'km')).toBe('២៣ មិថុនា ២០១៤ ម៉ោង ២០:០៥');
		expect(formatDateTime(at, 'km')).not.toMatch(/[AP]M|[0-9]/);
		// Just before midnight UTC is already the next day in Cambodia.
		expect(formatDateTime('2014-06-23T17:30:00Z', 'en')).toBe('24 Jun 2014, 00:30');
	});

	it('write an open-ended period as “from”, never with a dangling dash', () => {
		expect(formatDayRange('2020-11-24', null, 'en')).toBe('from 24 Nov 2020');
		expect(formatDayRange('2020-11-24', null, 'km')).toBe('ចាប់ពី ២៤ វិច្ឆិកា ២០២០');
		expect(formatDayRange('2020-11-24', '2020-11-30', 'en')).toBe('24 Nov 2020 – 30 Nov 2020');
		expect(formatDayRange('2020-11-24', '2020-11-24', 'en')).toBe('24 Nov 2020');
		expect(formatDayRange(null, null, 'en')).toBe('–');
	});
});

it('names a place with its P-code beside it', () => {
	const place = { pcode: 'KH01', nameEn: 'Banteay Meanchey', nameKm: 'បន្ទាយមានជ័យ' };
	expect(placeWithCode(place, undefined, 'en')).toBe('Banteay Meanchey (KH01)');
	expect(placeWithCode(place, undefined, 'km')).toBe('បន្ទាយមានជ័យ (KH01)');
	expect(placeWithCode(undefined, 'KH99', 'en')).toBe('KH99');
});
