import { describe, expect, it } from 'vitest';
import { DrawnCache } from './drawn';

describe('pictures kept by their input', () => {
	it('draws an input once, and again for any other input', () => {
		const cache = new DrawnCache<string>(8);
		let draws = 0;
		const draw = (figures: Record<string, number>) =>
			cache.get(figures, () => `drawn ${++draws}: ${JSON.stringify(figures)}`);
		const first = draw({ KH01: 10 });
		expect(draw({ KH01: 10 })).toBe(first);
		expect(draws).toBe(1);
		expect(draw({ KH01: 11 })).toBe('drawn 2: {"KH01":11}');
		expect(draw({ KH01: 10, KH02: 0 })).toBe('drawn 3: {"KH01":10,"KH02":0}');
		expect(draws).toBe(3);
	});

	it('keeps at most its bound, dropping the least recently used', () => {
		const cache = new DrawnCache<number>(2);
		let draws = 0;
		const draw = (n: number) => cache.get({ n }, () => (draws++, n));
		draw(1);
		draw(2);
		draw(1); // 2 is now the least recently used
		draw(3);
		expect(cache.size).toBe(2);
		expect(draws).toBe(3);
		draw(1);
		expect(draws).toBe(3);
		draw(2);
		expect(draws).toBe(4);
	});
});
