import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './once';

/** How the hashes already stored were made: JSON with every object's keys sorted by a replacer. */
const stored = (value: unknown) =>
	createHash('sha256')
		.update(
			JSON.stringify(value, (_key, v: unknown) => {
				if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
				const o = v as Record<string, unknown>;
				return Object.fromEntries(
					Object.keys(o)
						.sort()
						.map((k) => [k, o[k]])
				);
			})
		)
		.digest('hex');

describe('content hashes', () => {
	const values: unknown[] = [
		{
			id: '0f8fad5b-d9cb-469f-a165-70867728950e',
			responseId: 3,
			lon: 103.20091234567,
			lat: 13.0000001,
			observedOn: '2020-10-15',
			needs: ['shelter', 'water'],
			pcode: null,
			notes: undefined,
			affected_f_18_59: 12
		},
		{ z: { b: [1, undefined, null, { y: 'ស្រុក', x: -0 }], a: 'quote " and \\ and \n' } },
		{ 'with "quotes"': 1, ключ: 2, '': 3, 'a-b': 4, $x: 5, at: new Date(Date.UTC(2020, 9, 15)) },
		{ big: 1e21, small: 5e-7, nan: Number.NaN, inf: -Infinity, yes: true, no: false, f: () => 1 },
		[{ b: 1, a: 2 }, [], {}, 'text', 0],
		'text',
		42,
		null
	];

	it('are the same as those already stored, for any content', () => {
		for (const value of values) expect(contentHash(value)).toBe(stored(value));
	});

	it('read equal content the same whatever the order of its keys', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 3 } })).toBe(
			'{"a":{"c":3,"d":[2,{"e":0,"f":1}]},"b":1}'
		);
		expect(contentHash({ a: 1, b: [1, 2] })).toBe(contentHash({ b: [1, 2], a: 1 }));
		expect(contentHash({ a: 1, b: [1, 2] })).not.toBe(contentHash({ a: 1, b: [2, 1] }));
	});
});
