import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkPoint, pointShape } from './points';
import { areaAt } from './geometry';

const schema = (required: boolean) =>
	z.object(pointShape).superRefine((d, ctx) => checkPoint(d, ctx, { required }));

const fieldsOf = (r: z.ZodSafeParseResult<unknown>) =>
	r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join('.')))].sort();

describe('point fields', () => {
	it('accepts a point in Cambodia', () => {
		expect(schema(true).safeParse({ lon: 102.565, lat: 13.659 }).success).toBe(true);
	});

	it('refuses a point outside Cambodia on both fields', () => {
		const r = schema(true).safeParse({ lon: 100.5, lat: 13.75 });
		expect(fieldsOf(r)).toEqual(['lat', 'lon']);
		expect(r.error?.issues[0].message).toMatch(/outside Cambodia/);
	});

	it('needs both coordinates, or none when optional', () => {
		expect(schema(false).safeParse({ lon: null, lat: null }).success).toBe(true);
		expect(fieldsOf(schema(true).safeParse({}))).toEqual(['lat', 'lon']);
		expect(fieldsOf(schema(false).safeParse({ lon: 104.9 }))).toEqual(['lat']);
	});

	it('refuses impossible numbers', () => {
		expect(fieldsOf(schema(true).safeParse({ lon: 200, lat: 11 }))).toContain('lon');
		expect(fieldsOf(schema(true).safeParse({ lon: 'x', lat: 11 }))).toContain('lon');
	});
});

describe('areaAt', () => {
	const square = (pcode: string, w: number, s: number) => ({
		type: 'Feature' as const,
		properties: { pcode },
		geometry: {
			type: 'Polygon' as const,
			coordinates: [
				[
					[w, s],
					[w + 1, s],
					[w + 1, s + 1],
					[w, s + 1],
					[w, s]
				]
			]
		}
	});
	it('finds the area holding a point', () => {
		const fs = [square('A', 0, 0), square('B', 1, 0)];
		expect(areaAt(fs, 1.5, 0.5)?.properties.pcode).toBe('B');
		expect(areaAt(fs, 5, 5)).toBeNull();
	});
});
