import { describe, expect, it } from 'vitest';
import { get, writable } from 'svelte/store';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import PeopleCountInput from './PeopleCountInput.svelte';

/** The component as a form uses it: superforms' form and errors stores. */
function setup(prefix = '', errors: Record<string, string[]> = {}) {
	const form = writable<Record<string, unknown>>({});
	const errorStore = writable<Record<string, unknown>>(errors);
	render(PeopleCountInput, { form, errors: errorStore, prefix, legend: 'People reached' });
	const total = () => screen.getByRole('status').textContent;
	return { form, total };
}

describe('PeopleCountInput', () => {
	it('adds up the cells as they are typed, into the form’s fields', async () => {
		const { form, total } = setup('reached_');
		expect(total()).toBe('Total: 0');
		await userEvent.type(screen.getByLabelText('Female, 18–59'), '40');
		await userEvent.type(screen.getByLabelText('Male, 0–5'), '7');
		expect(total()).toBe('Total: 47');
		// Persons with disabilities are among those counted, not more of them.
		await userEvent.type(screen.getByLabelText('Persons with disabilities'), '3');
		expect(total()).toBe('Total: 47');
		expect(get(form)).toMatchObject({ reached_f_18_59: 40, reached_m_0_5: 7, reached_disabled: 3 });
		await userEvent.clear(screen.getByLabelText('Female, 18–59'));
		expect(total()).toBe('Total: 7');
	});

	it('writes big totals the way the page writes numbers', async () => {
		const { total } = setup();
		await userEvent.type(screen.getByLabelText('Male, 18–59'), '12500');
		expect(total()).toBe('Total: 12,500');
	});

	it('shows a cell’s error at the cell, and marks it for screen readers', () => {
		setup('', { m_60: ['Cannot be negative.'], disabled: ['More than the total of 0.'] });
		const cell = screen.getByLabelText('Male, 60+');
		expect(cell.getAttribute('aria-invalid')).toBe('true');
		expect(cell.parentElement?.querySelector('[role="alert"]')?.textContent).toBe(
			'Cannot be negative.'
		);
		const disabled = screen.getByLabelText('Persons with disabilities');
		expect(disabled.getAttribute('aria-invalid')).toBe('true');
		const described = document.getElementById(disabled.getAttribute('aria-describedby')!);
		expect(described?.textContent).toBe('More than the total of 0.');
		expect(screen.getByLabelText('Female, 60+').getAttribute('aria-invalid')).toBeNull();
		expect(screen.getAllByRole('alert')).toHaveLength(2);
	});

	it('names its fields with the prefix, so two counts share one form', () => {
		setup('targeted_');
		const names = [...document.querySelectorAll('input')].map((i) => i.name);
		expect(names).toHaveLength(9);
		expect(names.every((n) => n.startsWith('targeted_'))).toBe(true);
		expect(screen.getByRole('group', { name: 'People reached' })).toBeTruthy();
	});
});
