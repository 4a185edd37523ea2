import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { IMPORT_COLUMNS } from '$lib/domain/shelter-import';
import {
	auditLog,
	organisations,
	shelterActivities,
	shelterActivityItems,
	shelterImportRows
} from '$lib/server/db/schema';
import { workbookBytes, type WriteCell } from '$lib/server/spreadsheets';
import { csvStream, xlsxStream } from '$lib/server/exports/writers';
import { createActivity, getActivity, matrixRows, reviewActivity } from '..';
import { activitiesDataset } from '../exports';
import { activitySample, shelterWorld, type ShelterWorld } from '../testing';
import { importStatus, recoverImports, requestCancel } from '.';
import { moveNewRows, runCommit } from './commit';
import { STALE_MS, getJob, moveJob, runHere } from './jobs';
import { checkFile, commitFile, importFile } from './testing';

let w: ShelterWorld;
beforeEach(async () => {
	w = await shelterWorld();
});

type Row = Record<string, WriteCell>;
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

const xlsx = (rows: (Row | null)[], headers = HEADERS, extra: WriteCell[][] = []) =>
	workbookBytes([
		{
			name: '4W',
			rows: [...extra, headers, ...rows.map((r) => (r ? headers.map((h) => r[h] ?? null) : []))]
		}
	]);

const csv = (rows: WriteCell[][]) =>
	new TextEncoder().encode(
		rows
			.map((r) =>
				r
					.map((v) => {
						const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '');
						return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
					})
					.join(',')
			)
			.join('\r\n')
	);

const check = (bytes: Uint8Array, name = 'test.xlsx', actor = w.partner) =>
	checkFile(w.db, actor, w.responseId, name, bytes);
const run = (bytes: Uint8Array, name = 'test.xlsx', actor = w.partner) =>
	importFile(w.db, actor, w.responseId, name, bytes);
const rows = () => w.db.select().from(shelterActivities).orderBy(shelterActivities.id);
const visible = () =>
	matrixRows(
		w.db,
		w.coordinator,
		{ responseId: w.responseId, reviewState: 'all' },
		{ limit: 1000, offset: 0 }
	);

async function read(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function exported(format: 'csv' | 'xlsx') {
	const table = {
		name: 'activities',
		columns: activitiesDataset.columns(w.coordinator),
		rows: await activitiesDataset.rows(w.db, w.coordinator, {
			responseId: w.responseId,
			reviewState: 'all'
		})
	};
	return read(format === 'csv' ? csvStream(table) : xlsxStream(table));
}

describe('importing a 4W spreadsheet', () => {
	it('imports good rows as drafts with their items, and changes nothing the second time', async () => {
		const file = await xlsx([good(), good({ 'Row ID': 'crc-7', Commune: 'KH020102', Items: '' })]);
		const preview = await check(file);
		expect(preview).toMatchObject({ state: 'checked', problems: [], created: 2, rowsChecked: 2 });
		expect(await rows()).toEqual([]);
		const done = await commitFile(w.db, w.partner, w.responseId, preview.id);
		expect(done).toMatchObject({ state: 'done', created: 2, updated: 0, rowsSaved: 2 });
		expect(
			(await rows()).map((r) => [r.pcode, r.reviewState, r.organisationId, r.pendingImportId])
		).toEqual([
			['KH020101', 'draft', w.crc, null],
			['KH020102', 'draft', w.crc, null]
		]);
		expect((await getActivity(w.db, (await rows())[0].id))?.items).toEqual([
			{ catalogueId: w.familyKit, quantity: 10 },
			{ catalogueId: w.tarp, quantity: 5 }
		]);
		const again = await check(file);
		expect(again).toMatchObject({ state: 'checked', created: 0, updated: 0, unchanged: 2 });
		expect(again.matches).toEqual({ natural: 1, row_id: 1 });
	});

	it('reads an HDX-style 4W by its hashtags, whatever the headers, order and extra columns', async () => {
		const columns: [string, string, WriteCell][] = [
			['Sector', '#sector', 'Shelter'],
			['Start', '#date+start', '2020-10-15'],
			['Admin 2 P-code', '#adm2+code', 'KH0201'],
			['Agency', '#org+name', 'Cambodian Red Cross'],
			['Colour', '', 'blue'],
			['What was done', '#activity+type', 'nfi_distribution'],
			['How', '#modality', 'in_kind'],
			['Where (commune)', '#adm3+code', 'KH020101'],
			['Implementation', '#status', 'ongoing'],
			['Total reached', '#reached+ind', 60],
			['HH planned', '#targeted+hh', 30],
			['HH served', '#reached+hh', 20],
			['Women 18-59 planned', '#targeted+ind+f+age18_59', 50],
			['Men planned', '#targeted+ind+m+age18_59', 40],
			['Women served', '#reached+ind+f+age18_59', 35],
			['Men served', '#reached+ind+m+age18_59', 25],
			['Kits', '#item+code+provided', 'FAMILY:10']
		];
		await w.db
			.update(organisations)
			.set({ name: 'Cambodian Red Cross' })
			.where(eq(organisations.id, w.crc));
		const file = await workbookBytes([
			{
				name: '4W',
				rows: [
					columns.map((c) => c[0]),
					columns.map((c) => c[1]),
					columns.map((c) => c[2]),
					columns.map((c) => (c[0] === 'Where (commune)' ? 'KH020102' : c[2]))
				]
			}
		]);
		const status = await run(file, 'hdx-4w.xlsx');
		expect(status).toMatchObject({ state: 'done', created: 2, problems: [] });
		expect(status.columns.filter((c) => !c.field).map((c) => c.header)).toEqual([
			'Sector',
			'Colour',
			'Total reached'
		]);
		expect(status.columns.find((c) => c.header === 'Agency')).toEqual({
			header: 'Agency',
			field: 'Reporting organisation',
			via: 'hxl'
		});
		const [first] = await rows();
		expect(first).toMatchObject({
			organisationId: w.crc,
			pcode: 'KH020101',
			status: 'ongoing',
			reachedHouseholds: 20,
			reached_f_18_59: 35,
			targeted_m_18_59: 40
		});
	});

	it('matches English, US and Khmer headers and common 4W names', async () => {
		const headers = [
			'Reporting Organization',
			'ប្រភេទសកម្មភាព',
			'Delivery modality',
			'Admin 1 P-code',
			'Admin 1 name',
			'ឃុំ',
			'Start date',
			'ស្ថានភាព',
			'# HH targeted',
			'HH reached',
			'Targeted female 18-59',
			'Reached women 18-59'
		];
		const file = await xlsx(
			[
				{
					'Reporting Organization': 'CRC',
					ប្រភេទសកម្មភាព: 'nfi',
					'Delivery modality': 'in kind',
					'Admin 1 P-code': 'KH02',
					'Admin 1 name': 'Battambang',
					ឃុំ: 'KH020101',
					'Start date': '15/10/2020',
					ស្ថានភាព: 'planned',
					'# HH targeted': 10,
					'HH reached': 0,
					'Targeted female 18-59': 12,
					'Reached women 18-59': 0
				}
			],
			headers
		);
		const status = await run(file);
		expect(status).toMatchObject({ state: 'done', created: 1 });
		expect(status.columns.filter((c) => !c.field).map((c) => c.header)).toEqual(['Admin 1 name']);
		expect((await rows())[0]).toMatchObject({
			activityType: 'nfi_distribution',
			startDate: '2020-10-15',
			targetedHouseholds: 10,
			targeted_f_18_59: 12
		});
	});

	for (const format of ['csv', 'xlsx'] as const) {
		it(`re-imports an edited ${format.toUpperCase()} export as updates, audited, not new rows`, async () => {
			const a = await createActivity(
				w.db,
				w.partner,
				w.responseId,
				activitySample({ items: [{ catalogueId: w.tarp, quantity: 5 }] })
			);
			await createActivity(w.db, w.partner, w.responseId, activitySample({ pcode: 'KH020102' }));
			const file = await exported(format);
			const same = await check(file, `activities.${format}`);
			expect(same).toMatchObject({
				state: 'checked',
				problems: [],
				created: 0,
				updated: 0,
				unchanged: 2
			});
			expect(same.matches).toEqual({ activity_id: 2 });

			const edited =
				format === 'csv'
					? new TextEncoder().encode(new TextDecoder().decode(file).replace(/TARP×5/, 'TARP×7'))
					: await editXlsx(file, 'TARP×5', 'TARP×7');
			const status = await check(edited, `activities.${format}`);
			expect(status).toMatchObject({ state: 'checked', updated: 1, unchanged: 1, created: 0 });
			expect(status.changedRows).toEqual([
				{ row: 3, activityId: a.id, matchedBy: 'activity_id', changed: ['items'] }
			]);
			const done = await commitFile(w.db, w.partner, w.responseId, status.id);
			expect(done).toMatchObject({ state: 'done', updated: 1 });
			expect(await rows()).toHaveLength(2);
			expect((await getActivity(w.db, a.id))?.items).toEqual([
				{ catalogueId: w.tarp, quantity: 7 }
			]);
			const audit = (
				await w.db
					.select()
					.from(auditLog)
					.where(
						and(eq(auditLog.entity, 'shelter_activities'), eq(auditLog.entityId, String(a.id)))
					)
					.orderBy(auditLog.id)
			).at(-1);
			expect(audit?.before).toEqual({ items: [{ catalogueId: w.tarp, quantity: 5 }] });
			expect(audit?.after).toEqual({ items: [{ catalogueId: w.tarp, quantity: 7 }] });
		});
	}

	it('finds a corrected row without ids by its natural key and reports it as changed', async () => {
		await run(await xlsx([good(), good({ Commune: 'KH020102' })]));
		const corrected = await check(
			await xlsx([good({ 'Households reached': 25 }), good({ Commune: 'KH020102' })])
		);
		expect(corrected).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
		expect(corrected.changedRows).toEqual([
			{
				row: 2,
				activityId: (await rows())[0].id,
				matchedBy: 'natural',
				changed: ['reachedHouseholds']
			}
		]);
		await commitFile(w.db, w.partner, w.responseId, corrected.id);
		expect((await rows()).map((r) => r.reachedHouseholds)).toEqual([25, 20]);
	});

	it('lists every problem sorted by row then column, and writes nothing', async () => {
		const status = await run(
			await xlsx([
				good(),
				good({ Commune: 'KH020199', 'Reporting organisation': 'Nobody' }),
				null,
				good({ 'Households reached': 'twelve' }),
				good({ Activity: 'Dancing' }),
				good({ 'Households reached': 40 }),
				good({ Items: 'TENT:4' }),
				good({ 'End date': '2020-10-01' }),
				good({ 'Row ID': 'r1', Commune: 'KH020102' }),
				good({ 'Row ID': 'r1', Commune: 'KH020102', Items: 'TARP:1' })
			])
		);
		expect(status.state).toBe('failed');
		expect(status.problems.map((x) => [x.row, x.column])).toEqual([
			[3, 'Reporting organisation'],
			[3, 'Commune'],
			[4, null],
			[5, 'Households reached'],
			[6, 'Activity'],
			[7, 'Households reached'],
			[8, 'Items'],
			[9, 'End date'],
			[11, null]
		]);
		expect(status.problems[1].message).toBe('The P-code KH020199 does not exist at this level.');
		expect(status.problems[2].message).toBe('Empty row: delete it.');
		expect(status.problems[8].message).toBe('Rows 10 and 11 share the Row ID "r1".');
		expect(await rows()).toEqual([]);
		expect(await w.db.select().from(shelterActivityItems)).toEqual([]);
	});

	it('says when two rows share an Activity ID', async () => {
		const a = await createActivity(w.db, w.partner, w.responseId, activitySample());
		const headers = ['Activity ID', ...HEADERS];
		const status = await check(
			await xlsx(
				[good({ 'Activity ID': a.id }), good({ 'Activity ID': a.id, Commune: 'KH020102' })],
				headers
			)
		);
		expect(status.problems).toEqual([
			{ row: 3, column: null, message: `Rows 2 and 3 share the Activity ID ${a.id}.` }
		]);
	});

	it('refuses a missing or repeated column but lists unknown ones as not imported', async () => {
		const status = await check(
			await xlsx([good()], [...HEADERS.filter((h) => h !== 'Status'), 'Colour', 'Donor'])
		);
		expect(status.problems.map((x) => x.message)).toEqual([
			'The column "Donor" appears twice.',
			'The column "Status" is missing.'
		]);
		expect(status.columns.find((c) => c.header === 'Colour')?.field).toBeNull();
	});

	it('refuses to change a validated row, and a row validated between check and commit', async () => {
		await run(
			await xlsx([good({ 'Row ID': 'r1' }), good({ 'Row ID': 'r2', Commune: 'KH020102' })])
		);
		const [r1, r2] = await rows();
		await reviewActivity(w.db, w.partner, r1.id, { move: 'submit' });
		await reviewActivity(w.db, w.coordinator, r1.id, { move: 'validate' });
		const locked = await check(await xlsx([good({ 'Row ID': 'r1', 'Households reached': 28 })]));
		expect(locked.problems).toEqual([
			{ row: 2, column: null, message: expect.stringContaining('cannot be changed') }
		]);

		const checked = await check(
			await xlsx([
				good({ 'Row ID': 'r2', Commune: 'KH020102', 'Households reached': 28 }),
				good({ 'Row ID': 'r3', Commune: 'KH020102' })
			])
		);
		expect(checked).toMatchObject({ state: 'checked', updated: 1, created: 1 });
		await reviewActivity(w.db, w.partner, r2.id, { move: 'submit' });
		const refused = await commitFile(w.db, w.partner, w.responseId, checked.id);
		expect(refused.state).toBe('failed');
		expect(refused.problems).toEqual([
			{ row: 2, column: null, message: expect.stringContaining(`Activity ${r2.id} was changed`) }
		]);
		expect(await rows()).toHaveLength(2);
		expect((await getActivity(w.db, r2.id))?.reachedHouseholds).toBe(20);
	});

	it("refuses a partner importing another organisation's rows", async () => {
		const status = await check(await xlsx([good({ 'Reporting organisation': 'PIN' })]));
		expect(status.problems).toEqual([
			{
				row: 2,
				column: 'Reporting organisation',
				message: expect.stringContaining('own organisation')
			}
		]);
	});

	it('reads CSV with semicolons, a byte order mark and Khmer text', async () => {
		const text = [
			HEADERS.join(';'),
			HEADERS.map((h) =>
				String(good({ Items: 'TARP:5', Note: 'ចែកនៅវត្ត' })[h] ?? '').replace(/T00.*$/, '')
			).join(';')
		].join('\n');
		const bytes = new TextEncoder().encode(
			`\uFEFF${text.replace(/Thu Oct 15[^;]*/, '2020-10-15')}`
		);
		const status = await run(bytes, 'four-w.csv');
		expect(status).toMatchObject({ state: 'done', created: 1 });
		expect((await rows())[0].note).toBe('ចែកនៅវត្ត');
	});

	it('leaves nothing visible when the server stops mid-commit, and removes its rows later', async () => {
		const checked = await check(await xlsx([good(), good({ Commune: 'KH020102' })]));
		expect(await moveJob(w.db, checked.id, ['checked'], 'committing')).toBe(true);
		// The new rows are written, hidden, and then the server dies before publishing.
		await moveNewRows(w.db, (await getJob(w.db, checked.id))!);
		expect(await rows()).toHaveLength(2);
		expect(await visible()).toEqual([]);
		expect(await getActivity(w.db, (await rows())[0].id)).toBeNull();
		await recoverImports(w.db, Date.now() + STALE_MS + 1000);
		expect(await rows()).toEqual([]);
		expect(await importStatus(w.db, w.partner, w.responseId, checked.id)).toMatchObject({
			state: 'failed',
			error: expect.stringContaining('server stopped')
		});
	});

	it('never undoes a job this server is still running, however old its heartbeat looks', async () => {
		const checked = await check(await xlsx([good()]));
		expect(await moveJob(w.db, checked.id, ['checked'], 'committing')).toBe(true);
		let resume = () => {};
		const running = runHere(w.db, checked.id, () => new Promise<void>((r) => (resume = r)));
		await recoverImports(w.db, Date.now() + STALE_MS + 1000);
		expect((await getJob(w.db, checked.id))?.state).toBe('committing');
		resume();
		await running;
		// Once its runner has gone, the same job is another server's to clean up.
		await recoverImports(w.db, Date.now() + STALE_MS + 1000);
		expect((await getJob(w.db, checked.id))?.state).toBe('failed');
	});

	it('changes nothing when cancelled while checking or while saving', async () => {
		const file = await xlsx([good(), good({ Commune: 'KH020102' })]);
		const checked = await check(file);
		// Asked while saving, before the saving's first step reads the flag (a cancel racing a
		// two-row save may otherwise arrive after it has finished, on PostgreSQL's own connections).
		expect(await moveJob(w.db, checked.id, ['checked'], 'committing')).toBe(true);
		await requestCancel(w.db, (await getJob(w.db, checked.id))!);
		await runCommit(w.db, checked.id);
		expect((await importStatus(w.db, w.partner, w.responseId, checked.id)).state).toBe('cancelled');
		expect(await rows()).toEqual([]);
		expect(await w.db.select().from(shelterImportRows)).toEqual([]);
	});

	it('keeps CSV values the writer neutralised or quoted', async () => {
		const bytes = csv([HEADERS, HEADERS.map((h) => good({ Note: 'a, "quoted" note' })[h] ?? null)]);
		const status = await run(bytes, 'quoted.csv');
		expect(status.state).toBe('done');
		expect((await rows())[0].note).toBe('a, "quoted" note');
	});
});

/** The same XLSX with one cell's text replaced, rewritten through our writer. */
async function editXlsx(bytes: Uint8Array, from: string, to: string) {
	const { readSpreadsheet } = await import('$lib/server/spreadsheets');
	const sheet: WriteCell[][] = [];
	for await (const r of readSpreadsheet(bytes, 'xlsx')) {
		sheet.push(r.values.map((v) => (v === from ? to : v)));
	}
	return workbookBytes([{ name: 'activities', rows: sheet }]);
}

describe('the 4W template', () => {
	it('has the columns the import reads, and imports as an empty file', async () => {
		const { templateBytes } = await import('./template');
		const bytes = await templateBytes(w.db);
		const { readSpreadsheet } = await import('$lib/server/spreadsheets');
		const sheet = [];
		// Rows below carry only the drop-down lists: no values.
		for await (const r of readSpreadsheet(bytes, 'xlsx'))
			if (r.values.some((v) => v !== null)) sheet.push(r.values);
		expect(sheet).toEqual([HEADERS]);
		const status = await check(bytes, 'template.xlsx');
		expect(status.problems.map((p) => p.message)).toEqual(['The file has no rows to import.']);
	});
});
