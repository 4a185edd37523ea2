import { beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from '$lib/domain/shelter-import';
import { shelterActivities, shelterActivityItems } from '$lib/server/db/schema';
import { getActivity, reviewActivity } from '.';
import { commitImport, planImport, sheetFromBytes } from './import';
import { shelterWorld } from './testing';

let w: ReturnType<typeof shelterWorld>;
beforeEach(() => {
	w = shelterWorld();
});

type Row = Record<string, string | number | Date | null>;
const HEADERS = IMPORT_COLUMNS.map((c) => c.header);

const good = (over: Row = {}): Row => ({
	'Reporting organisation': 'CRC',
	Activity: 'NFI distribution',
	Modality: 'in kind',
	Province: 'KH02',
	District: 'Banan',
	Commune: 'Kantueu Muoy',
	'Start date': new Date(Date.UTC(2020, 9, 15)),
	'End date': '2020-10-20',
	Status: 'completed',
	'Households targeted': 30,
	'Targeted F 18-59': 50,
	'Targeted M 18-59': 40,
	'Households reached': 20,
	'Reached F 18-59': 35,
	'Reached M 18-59': 25,
	Items: 'FAMILY:10; TARP:5',
	...over
});

async function xlsx(rows: (Row | null)[], headers = HEADERS, merge?: string) {
	const wb = new ExcelJS.Workbook();
	const sheet = wb.addWorksheet('4W');
	sheet.addRow(headers);
	if (merge) sheet.mergeCells(merge);
	for (const r of rows) sheet.addRow(r ? headers.map((h) => r[h] ?? null) : []);
	return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const plan = (bytes: Uint8Array, actor = w.partner) =>
	planImport(w.db, actor, w.responseId, sheetFromBytes(bytes, 'xlsx'));
const commit = (bytes: Uint8Array, actor = w.partner, format: 'xlsx' | 'csv' = 'xlsx') =>
	commitImport(w.db, actor, w.responseId, sheetFromBytes(bytes, format), 'test.xlsx');
const count = () => w.db.select().from(shelterActivities).all().length;

describe('importing the 4W spreadsheet', () => {
	it('imports good rows as drafts with their items, and adds nothing the second time', async () => {
		const file = await xlsx([good(), good({ 'Row ID': 'crc-7', Commune: 'KH020102', Items: '' })]);
		const preview = await plan(file);
		expect(preview.problems).toEqual([]);
		expect(preview.create).toHaveLength(2);
		const { result } = await commit(file);
		expect(result).toEqual({ created: 2, updated: 0, unchanged: 0 });
		const rows = w.db.select().from(shelterActivities).all();
		expect(rows.map((r) => [r.pcode, r.reviewState, r.organisationId, r.startDate])).toEqual([
			['KH020101', 'draft', w.crc, '2020-10-15'],
			['KH020102', 'draft', w.crc, '2020-10-15']
		]);
		expect(getActivity(w.db, rows[0].id)?.items).toEqual([
			{ catalogueId: w.familyKit, quantity: 10 },
			{ catalogueId: w.tarp, quantity: 5 }
		]);
		const again = await commit(file);
		expect(again.result).toEqual({ created: 0, updated: 0, unchanged: 2 });
		expect(count()).toBe(2);
	});

	it('updates a row by its Row ID, and refuses to change it once validated', async () => {
		await commit(await xlsx([good({ 'Row ID': 'r1' })]));
		const changed = await xlsx([good({ 'Row ID': 'r1', 'Households reached': 25 })]);
		expect((await commit(changed)).result).toEqual({ created: 0, updated: 1, unchanged: 0 });
		const [row] = w.db.select().from(shelterActivities).all();
		expect(row.reachedHouseholds).toBe(25);
		reviewActivity(w.db, w.partner, row.id, { move: 'submit' });
		reviewActivity(w.db, w.coordinator, row.id, { move: 'validate' });
		const locked = await commit(await xlsx([good({ 'Row ID': 'r1', 'Households reached': 28 })]));
		expect(locked.result).toBeNull();
		expect(locked.plan.problems).toEqual([
			{ row: 2, column: null, message: expect.stringContaining('cannot be changed') }
		]);
		expect(getActivity(w.db, row.id)?.reachedHouseholds).toBe(25);
	});

	it('lists every row problem by row and column, and writes nothing', async () => {
		const file = await xlsx([
			good(),
			good({ Commune: 'KH020199' }),
			null,
			good({ 'Reporting organisation': 'Nobody' }),
			good({ 'Households reached': 'twelve' }),
			good({ Activity: 'Dancing' }),
			good({ 'Households reached': 40 }),
			good({ Items: 'TENT:4' }),
			good({ 'End date': '2020-10-01' })
		]);
		const { plan: p, result } = await commit(file);
		expect(result).toBeNull();
		expect(p.problems.map((x) => [x.row, x.column])).toEqual([
			[3, 'Commune'],
			[4, null],
			[5, 'Reporting organisation'],
			[6, 'Households reached'],
			[7, 'Activity'],
			[8, 'Households reached'],
			[9, 'Items'],
			[10, 'End date']
		]);
		expect(p.problems[0].message).toContain('KH020199');
		expect(p.problems[1].message).toBe('Empty row: delete it.');
		expect(p.problems[3].message).toBe('Enter a number.');
		expect(count()).toBe(0);
		expect(w.db.select().from(shelterActivityItems).all()).toHaveLength(0);
	});

	it('refuses a wrong or missing column and a merged header', async () => {
		const wrong = await plan(
			await xlsx([good()], [...HEADERS.filter((h) => h !== 'Status'), 'Colour'])
		);
		expect(wrong.problems.map((x) => x.message)).toEqual([
			'Unknown column "Colour".',
			'The column "Status" is missing.'
		]);
		const merged = await plan(
			await xlsx(
				[good()],
				['Reporting organisation', '', ...HEADERS.filter((h) => h !== 'Reporting organisation')],
				'A1:B1'
			)
		);
		expect(merged.problems).toEqual([
			{ row: 1, column: 'B', message: 'Column B has no header (a merged or empty header cell).' }
		]);
	});

	it("refuses a partner importing another organisation's rows", async () => {
		const p = await plan(await xlsx([good({ 'Reporting organisation': 'PIN' })]));
		expect(p.problems).toEqual([
			{
				row: 2,
				column: 'Reporting organisation',
				message: expect.stringContaining('own organisation')
			}
		]);
	});

	it('reads CSV the same way', async () => {
		const line = (r: Row) =>
			HEADERS.map((h) => {
				const v = r[h];
				return v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? '');
			}).join(',');
		const csv = [HEADERS.join(','), line(good({ Items: 'TARP:5' }))].join('\n');
		const { result } = await commit(new TextEncoder().encode(csv), w.partner, 'csv');
		expect(result).toEqual({ created: 1, updated: 0, unchanged: 0 });
	});
});
