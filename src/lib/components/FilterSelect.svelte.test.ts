import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import FilterSelect from './FilterSelect.svelte';
import { areaOptions, codeOptions, accessLabel } from '$lib/labels';

/** What a list page's GET filter form would put in the query string. */
const query = (select: HTMLSelectElement) => {
	const form = document.createElement('form');
	form.append(select.cloneNode(true));
	(form.elements[0] as HTMLSelectElement).value = select.value;
	return new URLSearchParams(new FormData(form) as unknown as string[][]).toString();
};

describe('FilterSelect', () => {
	it('offers "All" first, shows the chosen value, and sends what the person picks', async () => {
		render(FilterSelect, {
			label: 'Access',
			name: 'access',
			value: 'road',
			options: codeOptions(['road', 'none'], accessLabel)
		});
		const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Access' });
		expect([...select.options].map((o) => o.text)).toEqual(['All', 'By road', 'No access']);
		expect(select.selectedOptions[0].text).toBe('By road');
		expect(query(select)).toBe('access=road');

		await userEvent.selectOptions(select, 'No access');
		expect(query(select)).toBe('access=none');
		await userEvent.selectOptions(select, 'All');
		expect(query(select)).toBe('access=');
	});

	it('starts on "All" without a value, leaves it out when asked, and indents districts', () => {
		const { unmount } = render(FilterSelect, {
			label: 'Access',
			name: 'access',
			value: null,
			options: codeOptions(['road'], accessLabel)
		});
		expect(screen.getByRole<HTMLSelectElement>('combobox').selectedOptions[0].text).toBe('All');
		unmount();

		render(FilterSelect, {
			label: 'Area',
			name: 'area',
			value: undefined,
			all: false,
			options: areaOptions([
				{ pcode: 'KH02', level: 1, nameEn: 'Battambang' },
				{ pcode: 'KH0201', level: 2, nameEn: 'Banan' }
			])
		});
		const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Area' });
		expect([...select.options].map((o) => [o.value, o.text])).toEqual([
			['KH02', 'Battambang'],
			['KH0201', '— Banan']
		]);
	});
});
