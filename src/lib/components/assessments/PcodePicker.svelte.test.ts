import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import PcodePicker from './PcodePicker.svelte';

const area = (pcode: string, nameEn: string, parentPcode: string | null = null) => ({
	pcode,
	level: (pcode.length - 2) / 2,
	parentPcode,
	nameEn,
	nameKm: `${nameEn} km`
});
const AREAS = [
	area('KH01', 'Banteay Meanchey'),
	area('KH02', 'Battambang'),
	area('KH0102', 'Mongkol Borei', 'KH01'),
	area('KH0201', 'Banan', 'KH02'),
	area('KH0202', 'Thma Koul', 'KH02'),
	area('KH020101', 'Kantueu Muoy', 'KH0201'),
	area('KH020102', 'Kantueu Pir', 'KH0201')
];

const select = (name: string) => screen.getByRole<HTMLSelectElement>('combobox', { name });
const names = (name: string) => [...select(name).options].map((o) => o.text);
const sent = () => (document.querySelector('input[name="pcode"]') as HTMLInputElement).value;

/** The component with `bind:value`, as the assessment form has it: the parent's state is reactive. */
function setup(start: string | null = null, errors?: string[]) {
	const bound = $state({ value: start });
	render(PcodePicker, {
		areas: AREAS,
		get value() {
			return bound.value;
		},
		set value(v: string | null | undefined) {
			bound.value = v ?? null;
		},
		errors
	});
	return bound;
}

describe('PcodePicker', () => {
	it('narrows province → district → commune and sends the finest P-code chosen', async () => {
		const bound = setup();
		expect(select('District').disabled).toBe(true);
		expect(sent()).toBe('');
		await userEvent.selectOptions(select('Province'), 'Battambang');
		expect(names('District')).toEqual(['Not chosen', 'Banan', 'Thma Koul']);
		expect(select('Commune').disabled).toBe(true);
		expect(sent()).toBe('KH02');
		await userEvent.selectOptions(select('District'), 'Banan');
		expect(names('Commune')).toEqual(['Not chosen', 'Kantueu Muoy', 'Kantueu Pir']);
		await userEvent.selectOptions(select('Commune'), 'Kantueu Pir');
		expect(sent()).toBe('KH020102');
		expect(bound.value).toBe('KH020102');
	});

	it('emptying a level keeps the one above; another province drops the finer levels', async () => {
		const bound = setup('KH020101');
		expect(select('Province').selectedOptions[0].text).toBe('Battambang');
		expect(select('Commune').selectedOptions[0].text).toBe('Kantueu Muoy');
		await userEvent.selectOptions(select('Commune'), 'Not chosen');
		expect(bound.value).toBe('KH0201');
		await userEvent.selectOptions(select('Province'), 'Banteay Meanchey');
		expect(bound.value).toBe('KH01');
		expect(names('District')).toEqual(['Not chosen', 'Mongkol Borei']);
		expect(select('District').selectedOptions[0].text).toBe('Not chosen');
		await userEvent.selectOptions(select('Province'), 'Not chosen');
		expect(bound.value).toBeNull();
		expect(sent()).toBe('');
	});

	it('shows the server’s error beside the choice', () => {
		setup('KH02', ['This P-code is not known.']);
		expect(screen.getByRole('alert').textContent).toBe('This P-code is not known.');
		expect(select('Province').getAttribute('aria-invalid')).toBe('true');
	});
});
