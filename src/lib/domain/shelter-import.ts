/**
 * The Shelter Cluster 4W spreadsheet: its columns, in the order of the template. Headers are
 * matched without regard to case, spacing or punctuation, so "Households reached" and
 * "households_reached" are the same column.
 */
import { PEOPLE_CELLS, type PeopleCell } from './people';

export interface ImportColumn {
	key: string;
	header: string;
	required: boolean;
	/** What the cell holds, for the template's notes. */
	hint: string;
}

const cellHeader = (prefix: string, cell: PeopleCell) => {
	const [sex, ...band] = cell.split('_');
	const age = band.length === 1 ? `${band[0]}+` : band.join('-');
	return `${prefix} ${sex.toUpperCase()} ${age}`;
};

export const IMPORT_COLUMNS: ImportColumn[] = [
	{
		key: 'rowId',
		header: 'Row ID',
		required: false,
		hint: 'Your own id for the row; re-importing it updates the row'
	},
	{
		key: 'organisation',
		header: 'Reporting organisation',
		required: true,
		hint: 'Acronym or full name'
	},
	{ key: 'partner', header: 'Implementing partner', required: false, hint: 'Acronym or full name' },
	{ key: 'donor', header: 'Donor', required: false, hint: 'Text' },
	{ key: 'activity', header: 'Activity', required: true, hint: 'Activity code or name' },
	{
		key: 'modality',
		header: 'Modality',
		required: true,
		hint: 'in_kind, cash, voucher or service'
	},
	{ key: 'province', header: 'Province', required: false, hint: 'P-code (KH02) or name' },
	{ key: 'district', header: 'District', required: false, hint: 'P-code (KH0201) or name' },
	{ key: 'commune', header: 'Commune', required: false, hint: 'P-code (KH020101) or name' },
	{ key: 'site', header: 'Site', required: false, hint: 'Name of a shelter site of the response' },
	{ key: 'startDate', header: 'Start date', required: true, hint: 'YYYY-MM-DD' },
	{ key: 'endDate', header: 'End date', required: false, hint: 'YYYY-MM-DD' },
	{ key: 'status', header: 'Status', required: true, hint: 'planned, ongoing or completed' },
	{
		key: 'targetedHouseholds',
		header: 'Households targeted',
		required: false,
		hint: 'Whole number'
	},
	...PEOPLE_CELLS.map((cell) => ({
		key: `targeted_${cell}`,
		header: cellHeader('Targeted', cell),
		required: false,
		hint: 'Whole number'
	})),
	{
		key: 'targeted_disabled',
		header: 'Targeted with disabilities',
		required: false,
		hint: 'Whole number'
	},
	{ key: 'reachedHouseholds', header: 'Households reached', required: false, hint: 'Whole number' },
	...PEOPLE_CELLS.map((cell) => ({
		key: `reached_${cell}`,
		header: cellHeader('Reached', cell),
		required: false,
		hint: 'Whole number'
	})),
	{
		key: 'reached_disabled',
		header: 'Reached with disabilities',
		required: false,
		hint: 'Whole number'
	},
	{
		key: 'items',
		header: 'Items',
		required: false,
		hint: 'CODE:quantity; CODE:quantity (e.g. TARP:20; FAMILYKIT:10)'
	},
	{
		key: 'note',
		header: 'Note',
		required: false,
		hint: 'Text; required when more were reached than targeted'
	}
];

/** A header as compared: lower case, letters and digits only. */
export const headerKey = (header: string) => header.toLowerCase().replace(/[^a-z0-9+]/g, '');

export const COLUMN_BY_HEADER = new Map(IMPORT_COLUMNS.map((c) => [headerKey(c.header), c]));
