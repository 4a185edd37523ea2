import { describe, expect, it } from 'vitest';
import { formatTable, p99Label, quantile, ratio, rng, verdict } from './harness';

describe('bench harness', () => {
	it('takes quantiles of sorted samples', () => {
		const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
		expect(quantile(sorted, 0.5)).toBe(50);
		expect(quantile(sorted, 0.99)).toBe(99);
	});

	it('reads ratios as slowdowns for times and for throughput', () => {
		expect(ratio({ name: 't', value: 20, baseline: 10, unit: 'ms' })).toBe(2);
		expect(ratio({ name: 'r', value: 500, baseline: 1000, unit: 'rows/s', better: 'higher' })).toBe(
			2
		);
	});

	it('makes the same numbers from the same seed', () => {
		const a = rng(42);
		const b = rng(42);
		expect([a(), a(), a()]).toEqual([b(), b(), b()]);
	});

	it('judges each figure against its target in the direction that is better', () => {
		expect(verdict({ name: 't', value: 150, unit: 'ms', target: 150 })).toBe('PASS');
		expect(verdict({ name: 't', value: 151, unit: 'ms', target: 150 })).toBe('FAIL');
		expect(verdict({ name: 'r', value: 0.4, unit: '×', target: 0.5, better: 'higher' })).toBe(
			'FAIL'
		);
		expect(verdict({ name: 'n', value: 1, unit: 'ms' })).toBe('');
	});

	it('calls a percentile of too few samples the maximum it is', () => {
		expect(p99Label(100)).toBe('p99');
		expect(p99Label(30)).toBe('max of 30');
	});

	it('prints a table with one line per row', () => {
		const table = formatTable([
			{ name: 'x', value: 1.5, unit: 'ms', baseline: 1, baselineLabel: 'raw SQL' }
		]);
		expect(table.split('\n')).toHaveLength(3);
		expect(table).toContain('1.50');
	});
});
