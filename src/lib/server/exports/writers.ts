/**
 * Streaming writers: each turns a dataset's rows into a web `ReadableStream` that reads the next
 * batch of rows only when the client has taken the previous one (pull-based), so memory stays
 * flat whatever the row count and the header leaves at once.
 */
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Cell, ExportColumn } from './dataset';

export interface Table<Row> {
	/** Also the XLSX sheet's name. */
	name: string;
	columns: ExportColumn<Row>[];
	rows: Iterable<Row>;
	point?: (row: Row) => [number, number] | null;
}

/** Rows handed to a writer per pull: large enough to amortise, small enough to stay flat. */
const BATCH = 500;

const encoder = new TextEncoder();

/**
 * A stream whose `next()` makes the next chunk from the rows, opened on the first pull (after
 * the response's headers are out) and closed if the client goes away.
 */
function rowStream<Row>(
	rows: Iterable<Row>,
	next: (iterator: Iterator<Row>) => Promise<Uint8Array | null> | Uint8Array | null,
	cleanup?: () => void
): ReadableStream<Uint8Array> {
	let iterator: Iterator<Row> | undefined;
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				// The stream pulls again as soon as a chunk is taken, in the same tick: let the
				// consumer send that chunk before reading the next page, or the header would wait.
				if (iterator) await new Promise((resolve) => setImmediate(resolve));
				iterator ??= rows[Symbol.iterator]();
				const chunk = await next(iterator);
				if (chunk) controller.enqueue(chunk);
				else controller.close();
			},
			cancel() {
				iterator?.return?.();
				cleanup?.();
			}
		},
		{ highWaterMark: 1 }
	);
}

function take<Row>(iterator: Iterator<Row>, n: number): Row[] {
	const out: Row[] = [];
	for (let i = 0; i < n; i++) {
		const r = iterator.next();
		if (r.done) break;
		out.push(r.value);
	}
	return out;
}

const cells = <Row>(columns: ExportColumn<Row>[], row: Row): Cell[] =>
	columns.map((c) => c.value(row));

/**
 * Text that a spreadsheet would read as a formula (OWASP's rule: it starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return) gets a leading apostrophe, so `=HYPERLINK(…)` typed into a
 * site name comes back as that text, never as a live formula. Numbers are not text and stay
 * numbers, negative ones included.
 */
export function neutraliseFormula(text: string): string {
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const csvOptions = {
	cast: {
		boolean: (v: boolean) => (v ? 'true' : 'false'),
		string: neutraliseFormula
	},
	record_delimiter: 'windows' as const
};

/**
 * CSV (RFC 4180, UTF-8 with a byte order mark so that Excel shows Khmer): the header, the HXL
 * hashtag row, then the rows, with formula-like text neutralised. (XLSX needs no such care: its
 * text cells are never formulas.)
 */
export function csvStream<Row>(t: Table<Row>): ReadableStream<Uint8Array> {
	let started = false;
	return rowStream(t.rows, (iterator) => {
		if (!started) {
			started = true;
			const head = [t.columns.map((c) => c.header), t.columns.map((c) => c.hxl)];
			return encoder.encode(stringify(head, { ...csvOptions, bom: true }));
		}
		const batch = take(iterator, BATCH);
		if (!batch.length) return null;
		return encoder.encode(
			stringify(
				batch.map((r) => cells(t.columns, r)),
				csvOptions
			)
		);
	});
}

/**
 * ExcelJS's worksheet buffer keeps everything until the zip starts reading the sheet, then
 * writes into the zip entry without waiting for it, so rows would pile up in memory while zlib
 * catches up: wait until the entry is open and has drained before adding more.
 */
async function entryDrained(sheet: ExcelJS.Worksheet): Promise<void> {
	const stream = (sheet as unknown as { stream: { pipes: Writable[] } }).stream;
	while (!stream.pipes.length) await new Promise((resolve) => setImmediate(resolve));
	for (const pipe of stream.pipes) {
		const state = (pipe as unknown as { _writableState?: { needDrain?: boolean } })._writableState;
		if (state?.needDrain) await once(pipe, 'drain');
	}
}

function readableOrEnd(stream: PassThrough): Promise<void> {
	return new Promise((resolve) => {
		const settle = () => {
			for (const e of ['readable', 'end', 'error']) stream.off(e, settle);
			resolve();
		};
		for (const e of ['readable', 'end', 'error']) stream.on(e, settle);
	});
}

/** XLSX, one sheet: the header, the HXL row (both frozen at the top), then the rows. */
export function xlsxStream<Row>(t: Table<Row>): ReadableStream<Uint8Array> {
	const out = new PassThrough();
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: out,
		useStyles: false,
		useSharedStrings: false
	});
	const sheet = workbook.addWorksheet(t.name.slice(0, 31), {
		views: [{ state: 'frozen', ySplit: 2 }]
	});
	sheet.addRow(t.columns.map((c) => c.header)).commit();
	sheet.addRow(t.columns.map((c) => c.hxl)).commit();
	let rowsDone = false;
	let ended = false;
	let failure: unknown;
	out.on('end', () => (ended = true));
	out.on('error', (e) => (failure = e));

	/** The next piece of the zip: add rows until zlib lets some bytes out. */
	async function next(iterator: Iterator<Row>): Promise<Uint8Array | null> {
		for (;;) {
			if (failure) throw failure;
			const chunk = out.read() as Buffer | null;
			if (chunk) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
			if (ended) return null;
			if (!rowsDone) {
				const batch = take(iterator, BATCH);
				for (const row of batch) sheet.addRow(cells(t.columns, row)).commit();
				if (batch.length < BATCH) {
					rowsDone = true;
					sheet.commit();
					// Not awaited: it resolves once `out` is read to the end, which is this loop's job.
					workbook.commit().catch((e: unknown) => (failure = e));
				} else {
					await entryDrained(sheet);
				}
			} else {
				await readableOrEnd(out);
			}
		}
	}
	return rowStream(t.rows, next, () => out.destroy());
}

/** GeoJSON FeatureCollection, feature by feature; properties keyed by the column headers. */
export function geojsonStream<Row>(t: Table<Row>): ReadableStream<Uint8Array> {
	const point = t.point;
	if (!point) throw new Error(`${t.name} has no places`);
	let state: 'start' | 'rows' | 'done' = 'start';
	let first = true;
	return rowStream(t.rows, (iterator) => {
		if (state === 'start') {
			state = 'rows';
			return encoder.encode('{"type":"FeatureCollection","features":[\n');
		}
		if (state === 'done') return null;
		const batch = take(iterator, BATCH);
		let text = '';
		for (const row of batch) {
			const p = point(row);
			const feature = {
				type: 'Feature',
				geometry: p ? { type: 'Point', coordinates: p } : null,
				properties: Object.fromEntries(t.columns.map((c) => [c.header, c.value(row)]))
			};
			text += `${first ? '' : ',\n'}${JSON.stringify(feature)}`;
			first = false;
		}
		if (batch.length < BATCH) {
			state = 'done';
			text += '\n]}\n';
		}
		return encoder.encode(text);
	});
}
