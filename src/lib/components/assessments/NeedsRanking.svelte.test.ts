import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Need } from '$lib/domain/assessments';
import NeedsRanking from './NeedsRanking.svelte';

const rank = (n: number) =>
	screen.getByRole<HTMLSelectElement>('combobox', { name: `Priority ${n}` });
const chosen = () => [1, 2, 3, 4, 5].map((n) => rank(n).selectedOptions[0].text);
const offered = (n: number) => [...rank(n).options].map((o) => o.text);

/** The component with `bind:value`, as the assessment form has it: the parent's state is reactive. */
function setup(start: Need[] = [], errors?: string) {
	const bound = $state({ value: start });
	render(NeedsRanking, {
		get value() {
			return bound.value;
		},
		set value(v: Need[]) {
			bound.value = v;
		},
		errors
	});
	return bound;
}

describe('NeedsRanking', () => {
	it('ranks needs in order, offering each need once, and opens the next rank as one is chosen', async () => {
		const bound = setup();
		expect(rank(1).disabled).toBe(false);
		expect(rank(2).disabled).toBe(true);
		await userEvent.selectOptions(rank(1), 'Drinking water');
		expect(rank(2).disabled).toBe(false);
		expect(rank(3).disabled).toBe(true);
		expect(offered(2)).not.toContain('Drinking water');
		expect(offered(1)).toContain('Drinking water');
		await userEvent.selectOptions(rank(2), 'Shelter');
		await userEvent.selectOptions(rank(3), 'Food');
		expect(bound.value).toEqual(['water', 'shelter', 'food']);
		expect(chosen()).toEqual(['Drinking water', 'Shelter', 'Food', 'Not chosen', 'Not chosen']);
	});

	it('closes the gap when a rank is emptied, so the list has no holes', async () => {
		const bound = setup(['water', 'shelter', 'food']);
		await userEvent.selectOptions(rank(2), 'Not chosen');
		expect(bound.value).toEqual(['water', 'food']);
		expect(chosen()).toEqual(['Drinking water', 'Food', 'Not chosen', 'Not chosen', 'Not chosen']);
		expect(rank(4).disabled).toBe(true);
	});

	it('moves a need to the rank it is chosen at, never listing it twice', async () => {
		const bound = setup(['water', 'shelter']);
		// Shelter is not offered at rank 1 while it holds rank 2.
		expect(offered(1)).not.toContain('Shelter');
		await userEvent.selectOptions(rank(1), 'Health');
		expect(bound.value).toEqual(['health', 'shelter']);
	});

	it('shows the form’s error under the list', () => {
		setup([], 'Choose at least one need.');
		expect(screen.getByRole('alert').textContent).toBe('Choose at least one need.');
		expect(rank(1).getAttribute('aria-invalid')).toBe('true');
	});
});
