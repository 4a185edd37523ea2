/**
 * People who crossed, one figure everywhere: counted at border crossing points only (a transit
 * centre's count is of the same people again), and the destinations plus "not recorded" add up
 * to it on the dashboard, the reconciliation, the arrivals export and the sitrep. Times in the
 * exports are Cambodia's, so a manifest falls on the same day in the file as on the page.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { fromCambodiaTime } from '$lib/domain/dates';
import { newTallySchema } from '$lib/domain/returns';
import type { SessionUser } from '$lib/server/auth/sessions';
import { findDataset, startExport } from '$lib/server/exports';
import {
	arrivalsDashboard,
	changeStatus,
	createManifest,
	everyCrossingPoint,
	reconciliation,
	reconciliationByProvince,
	recordTally,
	saveReturnLocation
} from '.';
import { returnsFigures } from './figures';
import { manifestInput, returnsWorld, tallyInput, type ReturnsWorld } from './testing';

let w: ReturnsWorld;
beforeEach(async () => {
	w = await returnsWorld();
});

const tally = async (over: Parameters<typeof tallyInput>[1] = {}) =>
	(await recordTally(w.db, w.field, newTallySchema.parse(tallyInput(w, over)))).row;

async function file(actor: SessionUser, dataset: string, format: 'csv' | 'xlsx', query = {}) {
	const d = findDataset(dataset);
	if (!d) throw new Error(dataset);
	const out = await startExport(w.db, actor, d, format, {
		responseId: String(w.responseId),
		...query
	});
	return Buffer.from(await new Response(out.body).arrayBuffer());
}

/** CSV rows keyed by header, the HXL row left out. */
async function csv(dataset: string, query = {}) {
	const text = (await file(w.coordinator, dataset, 'csv', query)).toString('utf8');
	const [header, , ...rows] = parse(text, { bom: true }) as string[][];
	return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const sum = (rows: Record<string, string>[], column: string) =>
	rows.reduce((s, r) => s + Number(r[column] || 0), 0);

describe('people who crossed', () => {
	beforeEach(async () => {
		// 100 at Poipet (60 to KH03, 30 to KH14, 10 not recorded), 100 at O'Smach (30 to KH03).
		await tally();
		await tally({ locationId: w.osmach, destinations: [{ pcode: 'KH03', persons: 30 }] });
		// The same people counted again at the transit centre: never added to those who crossed.
		await tally({ locationId: w.transit, destinations: [{ pcode: 'KH03', persons: 100 }] });
	});

	it('are the destinations plus "not recorded" on the dashboard, the reconciliation, the export and the sitrep', async () => {
		const dash = await arrivalsDashboard(w.db, w.responseId);
		expect(dash.totals.persons).toBe(200);
		expect(dash.destinations.sort((a, b) => a.pcode.localeCompare(b.pcode))).toEqual([
			{ pcode: 'KH03', persons: 90 },
			{ pcode: 'KH14', persons: 30 }
		]);
		expect(dash.notRecorded).toBe(80);
		expect(dash.points.map((p) => p.nameEn).sort()).toEqual(["O'Smach", 'Poipet']);
		// The dashboard lists every active crossing point: O'Smach at 0 on a day it counted none.
		const quiet = (await arrivalsDashboard(w.db, w.responseId, { from: '2099-01-01' })).points;
		expect((await everyCrossingPoint(w.db, quiet)).map((p) => [p.nameEn, p.persons])).toEqual([
			["O'Smach", 0],
			['Poipet', 0]
		]);
		expect((await everyCrossingPoint(w.db, dash.points)).map((p) => [p.nameEn, p.persons])).toEqual(
			dash.points.map((p) => [p.nameEn, p.persons])
		);
		expect(dash.transit).toMatchObject([{ nameEn: 'Poipet Transit Centre', persons: 100 }]);

		const byProvince = reconciliationByProvince(await reconciliation(w.db, w.responseId));
		expect(byProvince.map((r) => [r.pcode, r.crossed])).toEqual([
			['KH03', 90],
			['KH14', 30],
			[null, 80]
		]);

		const rows = await csv('arrivals');
		expect(rows).toHaveLength(2);
		expect(sum(rows, 'Arrived persons')).toBe(200);
		expect(sum(rows, 'Destination Kampong Cham (KH03)')).toBe(90);
		expect(sum(rows, 'Destination Prey Veng (KH14)')).toBe(30);
		expect(sum(rows, 'Destination not recorded')).toBe(80);
		expect(rows.every((r) => r['Kind of count'] === 'border_crossing')).toBe(true);
		const transit = await csv('arrivals', { kind: 'transit_centre' });
		expect(transit.map((r) => [r['Crossing point'], r['Arrived persons']])).toEqual([
			['Poipet Transit Centre', '100']
		]);

		const figures = await returnsFigures.compute(
			w.db,
			w.responseId,
			fromCambodiaTime('2014-06-20T12:00')
		);
		expect(figures.find((f) => f.key === 'returns.crossed')?.value).toBe(200);
		const points = figures.filter((f) => f.measure === 'returns.by-point:crossed');
		expect(points.map((f) => f.cell?.row.en)).not.toContain('Poipet Transit Centre');
		const destinations = figures.filter((f) => f.measure === 'returns.by-destination:crossed');
		expect(destinations.map((f) => [f.cell?.row.key, f.value])).toEqual([
			['KH03', 90],
			['KH14', 30],
			['not-recorded', 80]
		]);
	});

	it('follow a place whose kind is corrected, in every figure', async () => {
		const centre = (kind: 'border_crossing' | 'transit_centre') =>
			saveReturnLocation(
				w.db,
				w.coordinator,
				{
					kind,
					nameEn: 'Poipet Transit Centre',
					nameKm: 'មណ្ឌល',
					pcode: null,
					lon: 102.56,
					lat: 13.66,
					active: true
				},
				w.transit
			);
		await centre('border_crossing');
		expect((await arrivalsDashboard(w.db, w.responseId)).totals.persons).toBe(300);
		expect(reconciliationByProvince(await reconciliation(w.db, w.responseId))[0]).toMatchObject({
			pcode: 'KH03',
			crossed: 190
		});
		await centre('transit_centre');
		expect((await arrivalsDashboard(w.db, w.responseId)).totals.persons).toBe(200);
		expect(reconciliationByProvince(await reconciliation(w.db, w.responseId))[0]).toMatchObject({
			pcode: 'KH03',
			crossed: 90
		});
	});
});

describe("Cambodia's time in the exports", () => {
	it('writes a manifest that left at 06:00 on 13 June in Cambodia on 13 June, as the reconciliation counts it', async () => {
		await tally({ arrivedOn: '2014-06-13', destinations: [{ pcode: 'KH03', persons: 60 }] });
		const bus = (
			await createManifest(
				w.db,
				w.field,
				manifestInput(w, { plannedDeparture: '2014-06-13T05:30' })
			)
		).row;
		const now = fromCambodiaTime('2014-06-20T12:00');
		await changeStatus(
			w.db,
			w.field,
			bus.id,
			{ status: 'boarding', at: fromCambodiaTime('2014-06-13T05:30') },
			now
		);
		// 23:00 UTC on 12 June.
		await changeStatus(
			w.db,
			w.field,
			bus.id,
			{ status: 'departed', at: fromCambodiaTime('2014-06-13T06:00') },
			now
		);
		expect(
			(await reconciliation(w.db, w.responseId)).find((r) => r.pcode === 'KH03')
		).toMatchObject({
			date: '2014-06-13',
			dispatched: 40
		});

		const [row] = await csv('manifests');
		expect(row['Departed at']).toBe('2014-06-13T06:00:00+07:00');
		expect(row['Departed on']).toBe('2014-06-13');
		expect(row['Planned departure']).toBe('2014-06-13T05:30:00+07:00');

		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await file(w.coordinator, 'manifests', 'xlsx')) as never);
		const sheet = book.getWorksheet('manifests')!;
		const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
		const cell = sheet.getRow(3).getCell(header.indexOf('Departed at') + 1);
		// A real date cell that shows Cambodia's clock: 13 June, 06:00.
		expect(cell.type).toBe(ExcelJS.ValueType.Date);
		expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm');
		expect((cell.value as Date).toISOString()).toBe('2014-06-13T06:00:00.000Z');
		const day = sheet.getRow(3).getCell(header.indexOf('Departed on') + 1);
		expect((day.value as Date).toISOString()).toBe('2014-06-13T00:00:00.000Z');
	});
});

describe('figures from queries built once (one per filter shape)', () => {
	it('follow each period asked for, in any order, and a tally recorded since at once', async () => {
		await tally({ arrivedOn: '2014-06-12' });
		await tally({
			locationId: w.osmach,
			arrivedOn: '2014-06-14',
			destinations: [{ pcode: 'KH14', persons: 40 }]
		});
		const persons = async (f: { from?: string; to?: string }) =>
			(await arrivalsDashboard(w.db, w.responseId, f)).totals.persons;
		const destinations = async (f: { from?: string; to?: string }) =>
			Object.fromEntries(
				(await arrivalsDashboard(w.db, w.responseId, f)).destinations.map((d) => [
					d.pcode,
					d.persons
				])
			);
		expect(await persons({})).toBe(200);
		expect(await persons({ from: '2014-06-13' })).toBe(100);
		expect(await persons({ to: '2014-06-13' })).toBe(100);
		expect(await persons({ from: '2014-06-12', to: '2014-06-12' })).toBe(100);
		expect(await persons({ from: '2014-06-15' })).toBe(0);
		expect(await destinations({ from: '2014-06-13' })).toEqual({ KH14: 40 });
		expect(await destinations({ to: '2014-06-13' })).toEqual({ KH03: 60, KH14: 30 });
		expect(await destinations({})).toEqual({ KH03: 60, KH14: 70 });
		const dash = await arrivalsDashboard(w.db, w.responseId, { to: '2014-06-12' });
		expect(dash.points.map((p) => [p.nameEn, p.persons])).toEqual([['Poipet', 100]]);
		expect(dash.daily.map((d) => [d.date, d.persons])).toEqual([['2014-06-12', 100]]);

		await tally({ arrivedOn: '2014-06-15', destinations: [{ pcode: 'KH03', persons: 5 }] });
		expect(await persons({ from: '2014-06-15' })).toBe(100);
		expect(await persons({})).toBe(300);
		expect(await destinations({ from: '2014-06-13' })).toEqual({ KH03: 5, KH14: 40 });
	});

	it('export the manifests each filter keeps, and one created since at once', async () => {
		const bus = async (destProvincePcode: string) =>
			createManifest(w.db, w.field, manifestInput(w, { destProvincePcode }));
		await bus('KH03');
		await bus('KH14');
		const destinations = async (query: Record<string, string> = {}) =>
			(await csv('manifests', query)).map((r) => r['Destination province P-code']).sort();
		expect(await destinations({ pcode: 'KH03' })).toEqual(['KH03']);
		expect(await destinations()).toEqual(['KH03', 'KH14']);
		expect(await destinations({ pcode: 'KH14' })).toEqual(['KH14']);
		expect(await destinations({ pcode: 'KH14', status: 'draft' })).toEqual(['KH14']);
		expect(await destinations({ status: 'arrived' })).toEqual([]);
		await bus('KH03');
		expect(await destinations({ pcode: 'KH03' })).toEqual(['KH03', 'KH03']);
	});
});
