/**
 * Streaming writers: each turns a dataset's rows into a web `ReadableStream` that reads the next
 * batch of rows only when the client has taken the previous one (pull-based), so memory stays
 * flat whatever the row count and the header leaves at once.
 */
import { PassThrough } from 'node:stream';
import { cambodiaIso, cambodiaWallClock, isCalendarDay } from '$lib/domain/dates';
import { xlsxStreamWriter, type XlsxStreamWriter } from '$lib/server/spreadsheets';
import type { Cell, ExportColumn, RowSource } from './dataset';

export interface Table<Row> {
	/** Also the XLSX sheet's name. */
	name: string;
	columns: ExportColumn<Row>[];
	rows: RowSource<Row>;
	point?: (row: Row) => [number, number] | null;
}

/** Rows handed to a writer per pull: large enough to amortise, small enough to stay flat. */
const BATCH = 500;

const encoder = new TextEncoder();

/** Either kind of row iterator: awaiting a synchronous one's results costs no query. */
type Rows<Row> = Iterator<Row> | AsyncIterator<Row>;

function rowsOf<Row>(source: RowSource<Row>): Rows<Row> {
	return Symbol.asyncIterator in source
		? source[Symbol.asyncIterator]()
		: source[Symbol.iterator]();
}

/**
 * A stream whose `next()` makes the next chunk from the rows, opened on the first pull (after
 * the response's headers are out) and closed if the client goes away.
 */
function rowStream<Row>(
	rows: RowSource<Row>,
	next: (iterator: Rows<Row>) => Promise<Uint8Array | null>,
	cleanup?: () => void
): ReadableStream<Uint8Array> {
	let iterator: Rows<Row> | undefined;
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				// The stream pulls again as soon as a chunk is taken, in the same tick: let the
				// consumer send that chunk before reading the next page, or the header would wait.
				if (iterator) await new Promise((resolve) => setImmediate(resolve));
				iterator ??= rowsOf(rows);
				const chunk = await next(iterator);
				if (chunk) controller.enqueue(chunk);
				else controller.close();
			},
			async cancel() {
				cleanup?.();
				await iterator?.return?.();
			}
		},
		{ highWaterMark: 1 }
	);
}

async function take<Row>(iterator: Rows<Row>, n: number): Promise<Row[]> {
	const out: Row[] = [];
	for (let i = 0; i < n; i++) {
		const r = await iterator.next();
		if (r.done) break;
		out.push(r.value);
	}
	return out;
}

/** Text cells carry times in Cambodia's time, never the server's UTC. */
const textCell = (v: Cell): Exclude<Cell, Date> => (v instanceof Date ? cambodiaIso(v) : v);

const XLSX_TIME = 'yyyy-mm-dd hh:mm';
const XLSX_DAY = 'yyyy-mm-dd';

/**
 * An XLSX cell: a real date cell for an instant (Excel has no time zones, so it holds Cambodia's
 * wall-clock time) and for a calendar day; anything else as it is.
 */
function xlsxCell<Row>(column: ExportColumn<Row>, v: Cell): { value: Cell; numFmt?: string } {
	if (v instanceof Date) return { value: cambodiaWallClock(v), numFmt: XLSX_TIME };
	if (column.type === 'day' && typeof v === 'string' && isCalendarDay(v))
		return { value: new Date(`${v}T00:00:00Z`), numFmt: XLSX_DAY };
	return { value: v };
}

/**
 * Text that a spreadsheet would read as a formula (OWASP's rule: it starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return) gets a leading apostrophe, so `=HYPERLINK(…)` typed into a
 * site name comes back as that text, never as a live formula. Numbers are not text and stay
 * numbers, negative ones included.
 */
function neutraliseFormula(text: string): string {
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: no value empty, text neutralised, instants in Cambodia's time. */
function csvField(v: Cell): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'number') return String(v);
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	const text = neutraliseFormula(v instanceof Date ? cambodiaIso(v) : v);
	return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// Written by hand rather than with csv-stringify: its per-call option handling and per-cell
// casts were most of an export's time (profiled on 100,000 rows), and the rules are these few.
function csvRecord(cells: Cell[]): string {
	let line = '';
	for (let i = 0; i < cells.length; i++) line += i ? `,${csvField(cells[i])}` : csvField(cells[i]);
	return `${line}\r\n`;
}

function csvRow<Row>(columns: ExportColumn<Row>[], row: Row): string {
	let line = '';
	for (let i = 0; i < columns.length; i++) {
		const field = csvField(columns[i].value(row));
		line += i ? `,${field}` : field;
	}
	return `${line}\r\n`;
}

/**
 * CSV (RFC 4180, UTF-8 with a byte order mark so that Excel shows Khmer, CRLF line ends): the
 * header, the HXL hashtag row, then the rows, with formula-like text neutralised. (XLSX needs
 * no such care: its text cells are never formulas.)
 */
export function csvStream<Row>(t: Table<Row>): ReadableStream<Uint8Array> {
	let started = false;
	return rowStream(t.rows, async (iterator) => {
		if (!started) {
			started = true;
			const header = csvRecord(t.columns.map((c) => c.header));
			return encoder.encode(`\uFEFF${header}${csvRecord(t.columns.map((c) => c.hxl))}`);
		}
		let text = '';
		let n = 0;
		for (; n < BATCH; n++) {
			const r = await iterator.next();
			if (r.done) break;
			text += csvRow(t.columns, r.value);
		}
		return n ? encoder.encode(text) : null;
	});
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

function addXlsxRow<Row>(sheet: XlsxStreamWriter, columns: ExportColumn<Row>[], row: Row) {
	const values = columns.map((c) => xlsxCell(c, c.value(row)));
	sheet.addRow(
		values.map((v) => v.value),
		values.map((v) => v.numFmt)
	);
}

/** XLSX, one sheet: the header, the HXL row (both frozen at the top), then the rows. */
export function xlsxStream<Row>(t: Table<Row>): ReadableStream<Uint8Array> {
	const out = new PassThrough();
	const sheet = xlsxStreamWriter(out, t.name, 2);
	sheet.addRow(t.columns.map((c) => c.header));
	sheet.addRow(t.columns.map((c) => c.hxl));
	let rowsDone = false;
	let ended = false;
	let failure: unknown;
	out.on('end', () => (ended = true));
	out.on('error', (e) => (failure = e));

	/** The next piece of the zip: add rows until zlib lets some bytes out. */
	async function next(iterator: Rows<Row>): Promise<Uint8Array | null> {
		for (;;) {
			if (failure) throw failure;
			const chunk = out.read() as Buffer | null;
			if (chunk) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
			if (ended) return null;
			if (!rowsDone) {
				const batch = await take(iterator, BATCH);
				for (const row of batch) addXlsxRow(sheet, t.columns, row);
				if (batch.length < BATCH) {
					rowsDone = true;
					// Not awaited: it resolves once `out` is read to the end, which is this loop's job.
					sheet.finish().catch((e: unknown) => (failure = e));
				} else {
					await sheet.drained();
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
	return rowStream(t.rows, async (iterator) => {
		if (state === 'start') {
			state = 'rows';
			return encoder.encode('{"type":"FeatureCollection","features":[\n');
		}
		if (state === 'done') return null;
		const batch = await take(iterator, BATCH);
		let text = '';
		for (const row of batch) {
			const p = point(row);
			const feature = {
				type: 'Feature',
				geometry: p ? { type: 'Point', coordinates: p } : null,
				properties: Object.fromEntries(t.columns.map((c) => [c.header, textCell(c.value(row))]))
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
