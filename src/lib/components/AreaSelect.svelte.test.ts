import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import AreaSelect from './AreaSelect.svelte';
import FilterSelect from './FilterSelect.svelte';
import { areaOptions } from '$lib/labels';

const english = getLocale;
afterEach(() => overwriteGetLocale(english));

const areas = [
	{ pcode: 'KH01', level: 1, nameEn: 'Banteay Meanchey', nameKm: 'បន្ទាយមានជ័យ' },
	{ pcode: 'KH02', level: 1, nameEn: 'Battambang', nameKm: 'បាត់ដំបង' },
	{ pcode: 'KH0201', level: 2, nameEn: 'Banan', nameKm: 'បាណន់', parentPcode: 'KH02' },
	{ pcode: 'KH0202', level: 2, nameEn: 'Thma Koul', nameKm: 'ថ្មគោល', parentPcode: 'KH02' },
	{ pcode: 'KH03', level: 1, nameEn: 'Kampong Cham', nameKm: 'កំពង់ចាម' }
];
const texts = (select: HTMLSelectElement) => [...select.options].map((o) => o.text);

describe('place lists', () => {
	it('are in the order of the names shown: English in English, Khmer in Khmer', () => {
		const { unmount } = render(AreaSelect, { areas, 'aria-label': 'Province' });
		expect(texts(screen.getByRole('combobox'))).toEqual([
			'',
			'Banteay Meanchey (KH01)',
			'Battambang (KH02)',
			'Banan (KH0201)',
			'Thma Koul (KH0202)',
			'Kampong Cham (KH03)'
		]);
		unmount();

		overwriteGetLocale(() => 'km');
		render(AreaSelect, { areas, 'aria-label': 'Province' });
		// ក, then ប with its vowels (បន្ទាយ before បាត់), and under Battambang ថ before ប.
		expect(texts(screen.getByRole('combobox'))).toEqual([
			'',
			'កំពង់ចាម (KH03)',
			'បន្ទាយមានជ័យ (KH01)',
			'បាត់ដំបង (KH02)',
			'ថ្មគោល (KH0202)',
			'បាណន់ (KH0201)'
		]);
	});

	it('in a filter keep each district under its province, in the same order', () => {
		overwriteGetLocale(() => 'km');
		render(FilterSelect, {
			label: 'Area',
			name: 'area',
			value: null,
			options: areaOptions(areas)
		});
		expect(texts(screen.getByRole('combobox'))).toEqual([
			'ទាំងអស់',
			'កំពង់ចាម',
			'បន្ទាយមានជ័យ',
			'បាត់ដំបង',
			'— ថ្មគោល',
			'— បាណន់'
		]);
	});
});
