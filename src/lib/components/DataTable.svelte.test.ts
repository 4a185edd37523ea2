import { describe, expect, it } from 'vitest';
import { createRawSnippet } from 'svelte';
import { render, screen, within } from '@testing-library/svelte';
import DataTable from './DataTable.svelte';
import type { Column } from './data-table';

interface Site {
	id: number;
	name: string;
	persons: number;
	full: boolean;
}

const sites: Site[] = [
	{ id: 1, name: 'Poipet pagoda', persons: 1250, full: true },
	{ id: 2, name: 'O’Smach school', persons: 80, full: false }
];

const link = createRawSnippet((site: () => Site) => ({
	render: () => `<a href="/sites/${site().id}">${site().name}</a>`
}));

const columns: Column<Site>[] = [
	{ key: 'name', header: 'Site', cell: link, rowHeader: true },
	{ key: 'persons', header: 'Persons', num: true, value: (s) => s.persons.toLocaleString('en') },
	{ key: 'pwd', header: 'Persons with disabilities', abbr: 'PwD', num: true, value: () => '0' },
	{ key: 'edit', header: 'Actions', hidden: true, value: () => 'Edit' }
];

const cells = (row: HTMLElement) =>
	[...(row as HTMLTableRowElement).cells].map((c) => c.textContent?.trim());

describe('DataTable', () => {
	it('shows one row per record under its headers, figures aligned right', () => {
		render(DataTable<Site>, {
			rows: sites,
			columns,
			key: (s: Site) => s.id,
			label: 'Shelter sites',
			rowClass: (s: Site) => (s.full ? 'over' : undefined),
			rowAttrs: (s: Site) => ({ 'data-site': s.id })
		});
		const table = screen.getByRole('table', { name: 'Shelter sites' });
		const [head, first, second] = within(table).getAllByRole('row');
		expect(cells(head)).toEqual(['Site', 'Persons', 'PwD', 'Actions']);
		expect(cells(first)).toEqual(['Poipet pagoda', '1,250', '0', 'Edit']);
		expect(cells(second)).toEqual(['O’Smach school', '80', '0', 'Edit']);

		// The site's link is the row's header; the count lines up on the right.
		expect(
			within(first)
				.getByRole('rowheader')
				.contains(screen.getByRole('link', { name: 'Poipet pagoda' }))
		).toBe(true);
		expect(within(first).getByRole('cell', { name: '1,250' }).classList.contains('num')).toBe(true);
		expect(
			within(head).getByRole('columnheader', { name: 'Persons' }).classList.contains('num')
		).toBe(true);
		expect(screen.getByTitle('Persons with disabilities').textContent).toBe('PwD');
		// The actions column names itself only to screen readers.
		expect(within(head).getByText('Actions').classList.contains('sr-only')).toBe(true);

		expect(first.classList.contains('over')).toBe(true);
		expect(second.classList.contains('over')).toBe(false);
		expect(second.getAttribute('data-site')).toBe('2');

		// Its own box scrolls on a phone, and a keyboard can reach it to scroll.
		const box = screen.getByRole('region', { name: 'Shelter sites' });
		expect(box.classList.contains('table-wrap')).toBe(true);
		expect(box.getAttribute('tabindex')).toBe('0');
	});

	it('says so when there is nothing to list, across the whole row', () => {
		render(DataTable<Site>, {
			rows: [],
			columns,
			key: (s: Site) => s.id,
			label: 'Shelter sites',
			caption: 'Sites open today',
			empty: 'No site yet.'
		});
		const table = screen.getByRole('table', { name: 'Sites open today' });
		expect(screen.getByText('Sites open today').classList.contains('sr-only')).toBe(false);
		const message = within(table).getByRole('cell', { name: 'No site yet.' });
		expect(message.getAttribute('colspan')).toBe('4');
	});

	it('leaves the body empty when no message is given', () => {
		render(DataTable<Site>, { rows: [], columns, key: (s: Site) => s.id, label: 'Sites' });
		expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(1);
	});

	it('puts rows given for the head above the header row, inside the head', () => {
		const running = createRawSnippet(() => ({
			render: () => '<tr class="running"><th colspan="4">Manifest MR-0042</th></tr>'
		}));
		render(DataTable<Site>, {
			rows: sites,
			columns,
			key: (s: Site) => s.id,
			label: 'Passengers',
			head: running
		});
		const thead = screen.getByRole('table').querySelector('thead')!;
		const [title, header] = within(thead).getAllByRole('row');
		expect(cells(title)).toEqual(['Manifest MR-0042']);
		expect(cells(header)).toEqual(['Site', 'Persons', 'PwD', 'Actions']);
	});
});
