import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import FilterSelect from './FilterSelect.svelte';
import { areaOptions, codeOptions, accessLabel } from '$lib/labels';

/** The markup without Svelte's hydration comments. */
const html = (props: Parameters<typeof FilterSelect>[1]) =>
	render(FilterSelect, { props }).body.replace(/<!--[^>]*-->/g, '');

describe('FilterSelect', () => {
	it('labels a select that starts with "All" and keeps the chosen value', () => {
		const out = html({
			label: 'Access',
			name: 'access',
			value: 'road',
			options: codeOptions(['road', 'none'], accessLabel)
		});
		expect(out).toBe(
			'<label>Access <select name="access"><option value="">All</option>' +
				'<option value="road" selected="">By road</option><option value="none">No access</option>' +
				'</select></label>'
		);
	});

	it('leaves "All" out when asked, and indents districts under provinces', () => {
		const out = html({
			label: 'Area',
			name: 'area',
			value: undefined,
			all: false,
			options: areaOptions([
				{ pcode: 'KH02', level: 1, nameEn: 'Battambang' },
				{ pcode: 'KH0201', level: 2, nameEn: 'Banan' }
			])
		});
		expect(out).not.toContain('value=""');
		expect(out).toContain('<option value="KH02">Battambang</option>');
		expect(out).toContain('<option value="KH0201">— Banan</option>');
	});
});
