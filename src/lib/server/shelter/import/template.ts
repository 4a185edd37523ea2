/**
 * The 4W template: the columns the import reads, drop-down lists of what the coded columns
 * take, a sheet of P-codes with English and Khmer names, and instructions with an example row
 * in both languages.
 */
import { m } from '$lib/paraglide/messages.js';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, MODALITIES } from '$lib/domain/shelter';
import { IMPORT_COLUMNS } from '$lib/domain/shelter-import';
import type { Db } from '$lib/server/db';
import { allAreas } from '$lib/server/places';
import { listOrganisations } from '$lib/server/auth/accounts';
import { columnLetter, workbookBytes, type WriteCell } from '$lib/server/spreadsheets';
import { listCatalogue } from '../catalogue';

/** Rows of the 4W sheet that get the drop-down lists. */
const LIST_ROWS = 1000;

const EXAMPLE: Record<string, WriteCell> = {
	'Row ID': 'CRC-2020-001',
	'Reporting organisation': 'CRC',
	Activity: 'nfi_distribution',
	Modality: 'in_kind',
	Province: 'KH02',
	District: 'KH0201',
	'Start date': '2020-10-15',
	'End date': '2020-10-20',
	Status: 'completed',
	'Households targeted': 30,
	'Targeted F 18-59': 50,
	'Targeted M 18-59': 40,
	'Households reached': 20,
	'Reached F 18-59': 35,
	'Reached M 18-59': 25,
	Items: 'TARP:20; FAMILY:10'
};

export async function templateBytes(db: Db): Promise<Uint8Array<ArrayBuffer>> {
	const catalogue = await listCatalogue(db);
	const organisations = (await listOrganisations(db)).map((o) => o.acronym);
	const lists: [string, string, string[]][] = [
		['Activity', 'Activity', [...ACTIVITY_TYPES]],
		['Modality', 'Modality', [...MODALITIES]],
		['Status', 'Status', [...ACTIVITY_STATUSES]],
		['Organisation', 'Reporting organisation', organisations],
		['Partner', 'Implementing partner', organisations],
		['Item (code:quantity)', 'Items', catalogue.map((c) => `${c.code}:1`)]
	];
	const headers = IMPORT_COLUMNS.map((c) => c.header);
	const longest = Math.max(...lists.map(([, , v]) => v.length));
	const areas = await allAreas(db);
	const both = (message: (i: object, o: { locale: 'en' | 'km' }) => string) => [
		message({}, { locale: 'en' }),
		message({}, { locale: 'km' })
	];
	return workbookBytes([
		{
			name: '4W',
			rows: [headers],
			headerRows: 1,
			widths: headers.map((h) => Math.max(12, h.length + 2)),
			notes: Object.fromEntries(
				IMPORT_COLUMNS.map((c, i) => [i, `${c.hint}${c.required ? ' (required)' : ''}`])
			),
			lists: lists.map(([, header], i) => ({
				column: headers.indexOf(header),
				fromRow: 2,
				toRow: LIST_ROWS,
				source: `Lists!$${columnLetter(i)}$2:$${columnLetter(i)}$${Math.max(2, lists[i][2].length + 1)}`
			}))
		},
		{
			name: 'Instructions',
			rows: [
				both(m.shel_template_instructions_title),
				both(m.shel_template_instructions),
				[],
				both(m.shel_template_example_note),
				headers,
				headers.map((h) => EXAMPLE[h] ?? null)
			],
			widths: [80, 80],
			wrap: true
		},
		{
			name: 'Lists',
			rows: [
				lists.map(([h]) => h),
				...Array.from({ length: longest }, (_, i) => lists.map(([, , v]) => v[i] ?? null))
			],
			headerRows: 1,
			widths: lists.map(() => 24)
		},
		{
			name: 'P-codes',
			rows: [
				['P-code', 'Level', 'Name (English)', 'Name (Khmer)', 'Within'],
				...areas.map((a) => [a.pcode, a.level, a.nameEn, a.nameKm, a.parentPcode])
			],
			headerRows: 1,
			widths: [12, 8, 28, 28, 12]
		}
	]);
}
