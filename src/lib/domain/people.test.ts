import { describe, expect, it } from 'vitest';
import {
	addPeople,
	checkPeople,
	emptyPeople,
	peopleColumns,
	peopleCountSchema,
	peopleOf,
	peopleShape,
	sumPeople,
	totalByAge,
	totalBySex,
	totalPeople
} from './people';
import { z } from 'zod';

const sample = () => ({
	...emptyPeople(),
	f_0_5: 3,
	f_6_17: 4,
	f_18_59: 10,
	f_60: 1,
	m_0_5: 2,
	m_6_17: 5,
	m_18_59: 20,
	m_60: 0,
	disabled: 2
});

describe('people counts', () => {
	it('totals by sex, by age band and overall', () => {
		const c = sample();
		expect(totalPeople(c)).toBe(45);
		expect(totalBySex(c, 'f')).toBe(18);
		expect(totalBySex(c, 'm')).toBe(27);
		expect(totalByAge(c, '18_59')).toBe(30);
	});

	it('adds counts cell by cell', () => {
		const sum = sumPeople([sample(), sample(), emptyPeople()]);
		expect(totalPeople(sum)).toBe(90);
		expect(sum.disabled).toBe(4);
		expect(addPeople(sample(), emptyPeople())).toEqual(sample());
	});

	it('round-trips through prefixed columns', () => {
		const cols = peopleColumns(sample(), 'reached_');
		expect(cols.reached_f_18_59).toBe(10);
		expect(peopleOf(cols, 'reached_')).toEqual(sample());
	});

	it('accepts a valid count and fills missing cells with zero', () => {
		expect(peopleCountSchema.parse({ f_18_59: '4' })).toEqual({ ...emptyPeople(), f_18_59: 4 });
	});

	it.each([
		[{ f_0_5: -1 }, 'f_0_5'],
		[{ m_60: 1.5 }, 'm_60'],
		[{ f_6_17: 'many' }, 'f_6_17'],
		[{ f_18_59: 2, disabled: 3 }, 'disabled']
	])('refuses %o at the field concerned', (input, field) => {
		const result = peopleCountSchema.safeParse(input);
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(field);
	});

	it('checks a prefixed count inside a wider schema', () => {
		const schema = z
			.object({ note: z.string(), ...peopleShape('reached_') })
			.superRefine((d, ctx) => checkPeople(d, ctx, 'reached_'));
		const result = schema.safeParse({ note: 'x', reached_m_18_59: 1, reached_disabled: 2 });
		expect(result.error?.issues[0].path).toEqual(['reached_disabled']);
	});
});
