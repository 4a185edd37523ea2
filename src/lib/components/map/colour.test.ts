import { describe, expect, it } from 'vitest';
import { colourByPcode, colourScale, NO_DATA_COLOUR, SEQUENTIAL } from './colour';

describe('colourScale', () => {
	it('splits 0..max into round classes, darker for more', () => {
		const s = colourScale([3, 120, 47, null]);
		expect(s.breaks[0]).toBe(0);
		expect(s.breaks.at(-1)).toBeGreaterThanOrEqual(120);
		expect(s.colourOf(0)).toBe(SEQUENTIAL[0]);
		expect(s.colourOf(120)).toBe(SEQUENTIAL[4]);
		expect(s.colourOf(47)).not.toBe(s.colourOf(120));
	});

	it('gives "no data" to missing values, and a legend row for it', () => {
		const s = colourScale([10, 20]);
		expect(s.colourOf(null)).toBe(NO_DATA_COLOUR);
		expect(s.colourOf(undefined)).toBe(NO_DATA_COLOUR);
		expect(s.colourOf(Number.NaN)).toBe(NO_DATA_COLOUR);
		const legend = s.legend(String, 'No data');
		expect(legend).toHaveLength(SEQUENTIAL.length + 1);
		expect(legend.at(-1)).toEqual({ colour: NO_DATA_COLOUR, label: 'No data' });
		expect(legend[0].label).toMatch(/^0 – \d+$/);
	});

	it('copes with no values and with all values equal', () => {
		expect(colourScale([]).colourOf(5)).toMatch(/^#/);
		const same = colourScale([7, 7]);
		expect(same.colourOf(7)).toBe(same.colourOf(7));
	});

	it('builds a match expression by P-code with a no-data fallback', () => {
		const s = colourScale([0, 100]);
		const e = colourByPcode({ KH01: 100, KH02: null }, s);
		expect(e).toEqual([
			'match',
			['get', 'pcode'],
			'KH01',
			SEQUENTIAL[4],
			'KH02',
			NO_DATA_COLOUR,
			NO_DATA_COLOUR
		]);
		expect(colourByPcode({}, s)).toBe(NO_DATA_COLOUR);
	});
});
