/**
 * Streaming writers: each turns a dataset's rows into a web `ReadableStream` that reads the next
 * batch of rows only when the client has taken the previous one (pull-based), so memory stays
 * flat whatever the row count and the header leaves at once.
 */
import { PassThrough } from 'node:stream';
import { cambodiaIso, cambodiaWallClock, isCalendarDay } from '$lib/domain/dates';
import { xlsxStreamWriter, type XlsxStreamWriter } from '$lib/server/spreadsheets';
import type { Cell, ExportColumn, RowSource } from './dataset';
import { isPaged } from './keyset';

export interface Table<Row> {
	/** Also the XLSX sheet's name. */
	name: string;
	columns: ExportColumn<Row>[];
	rows: RowSource<Row>;
	point?: (row: Row) => [number, number] | null;
}

/** Rows handed to a writer per pull from a source without pages: enough to amortise, few enough to stay flat. */
const BATCH = 500;

const encoder = new TextEncoder();

/**
 * A source's rows a batch at a time (null when there are no more): a paged source's pages as
 * they come, so a writer awaits once per page rather than once per row (each await a few
 * promises, with the request's async context tracked through each); any other source's rows
 * gathered `BATCH` at a time.
 */
interface Batches<Row> {
	next(): Promise<Row[] | null>;
	close(): Promise<void>;
}

function batchesOf<Row>(source: RowSource<Row>): Batches<Row> {
	if (isPaged<Row>(source)) {
		const pages = source.pages();
		return {
			next: async () => {
				const r = await pages.next();
				return r.done ? null : r.value;
			},
			close: async () => void (await pages.return?.())
		};
	}
	const rows =
		Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
	return {
		next: async () => {
			const out: Row[] = [];
			for (let i = 0; i < BATCH; i++) {
				const r = await rows.next();
				if (r.done) break;
				out.push(r.value);
			}
			return out.length ? out : null;
		},
		close: async () => void (await rows.return?.())
	};
}

/**
 * A stream whose `next()` makes the next chunk from the rows, opened on the first pull (after
 * the response's headers are out) and closed if the client goes away.
 */
function rowStream<Row>(
	rows: RowSource<Row>,
	next: (batches: Batches<Row>) => Promise<Uint8Array | null>,
	cleanup?: () => void
): ReadableStream<Uint8Array> {
	let batches: Batches<Row> | undefined;
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				// The stream pulls again as soon as a chunk is taken, in the same tick: let the
				// consumer send that chunk before reading the next page, or the header would wait.
				if (batches) await new Promise((resolve) => setImmediate(resolve));
				batches ??= batchesOf(rows);
				const chunk = await next(batches);
				if (chunk) controller.enqueue(chunk);
				else controller.close();
			},
			async cancel() {
				cleanup?.();
				await batches?.close();
			}
		},
		{ highWaterMark: 1 }
	);
}

const DAY_MS = 86_400_000;
const CAMBODIA_MS = 7 * 3_600_000;
/** The last instant whose ISO text has a four-digit year. */
const LAST_PLAIN_YEAR_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999) - CAMBODIA_MS;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
/** `YYYY-MM-DD` by day since 1970 in Cambodia, for the days exports have written lately. */
const dayTexts = new Map<number, string>();

/**
 * `cambodiaIso`'s text, `2014-06-13T06:00:00+07:00`, made faster: an export writes one per time
 * cell (three per manifest), and a `Date` and its ISO string for each were a fourteenth of the
 * manifests export's CPU. The day's text is kept per day; the time of day is written from the
 * milliseconds. Outside 1970–9999 it is `cambodiaIso` itself.
 */
export function exportTime(at: Date): string {
	const t = at.getTime();
	if (!(t >= 0 && t <= LAST_PLAIN_YEAR_MS)) return cambodiaIso(at);
	const local = t + CAMBODIA_MS;
	const day = Math.floor(local / DAY_MS);
	let date = dayTexts.get(day);
	if (date === undefined) {
		date = new Date(day * DAY_MS).toISOString().slice(0, 10);
		if (dayTexts.size >= 4096) dayTexts.clear();
		dayTexts.set(day, date);
	}
	const s = Math.floor((local - day * DAY_MS) / 1000);
	return `${date}T${TWO_DIGITS[Math.floor(s / 3600)]}:${TWO_DIGITS[Math.floor(s / 60) % 60]}:${TWO_DIGITS[s % 60]}+07:00`;
}

/** Text cells carry times in Cambodia's time, never the server's UTC. */
const textCell = (v: Cell): Exclude<Cell, Date> => (v instanceof Date ? exportTime(v) : v);

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
function looksLikeFormula(text: string): boolean {
	const c = text.charCodeAt(0);
	return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;

const COMMA = 0x2c;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const CR = 0x0d;
const LF = 0x0a;
const ZERO = 0x30;
const MINUS = 0x2d;

/** The longest text `CsvBytes.plain` copies by hand: the encoder is quicker beyond. */
const PLAIN_MAX = 64;

/** Bytes of CSV per chunk handed to the response: about 180 rows of the assessments export. */
const CSV_CHUNK = 64 * 1024;

/**
 * CSV written straight into a buffer, field by field: no string per row or per page to build,
 * flatten and encode again (which, with the V8 flags that favour size, was mostly garbage
 * collection). Integers are written digit by digit; text by the encoder in place.
 */
class CsvBytes {
	private buf = Buffer.allocUnsafeSlow(CSV_CHUNK * 2);
	private pos = 0;

	get size(): number {
		return this.pos;
	}

	/** The bytes so far, handed over: the next ones go to a new buffer. */
	take(): Uint8Array {
		const out = this.buf.subarray(0, this.pos);
		this.buf = Buffer.allocUnsafeSlow(CSV_CHUNK * 2);
		this.pos = 0;
		return out;
	}

	private room(n: number) {
		if (this.pos + n <= this.buf.length) return;
		const bigger = Buffer.allocUnsafeSlow(Math.max(2 * this.buf.length, this.pos + n));
		this.buf.copy(bigger, 0, 0, this.pos);
		this.buf = bigger;
	}

	byte(b: number) {
		this.room(1);
		this.buf[this.pos++] = b;
	}

	/** UTF-8 of `s`: at most three bytes per UTF-16 unit. */
	text(s: string) {
		this.room(3 * s.length);
		this.pos += this.buf.write(s, this.pos);
	}

	/**
	 * A short ASCII field that needs no quotes and cannot be read as a formula (most cells: codes,
	 * names, days), copied a character at a time; false, with nothing written, for any other
	 * (`field` then writes it the long way). The encoder is a native call per string, whose cost
	 * outweighs the copy for text this short.
	 */
	private plain(s: string): boolean {
		const n = s.length;
		if (n && looksLikeFormula(s)) return false;
		this.room(n);
		const buf = this.buf;
		const at = this.pos;
		for (let i = 0; i < n; i++) {
			const c = s.charCodeAt(i);
			if (c >= 0x80 || c === QUOTE || c === COMMA || c === CR || c === LF) return false;
			buf[at + i] = c;
		}
		this.pos = at + n;
		return true;
	}

	/** An integer as `String` writes it (`-0` as `0`). */
	private integer(n: number) {
		if (n < 0) {
			this.byte(MINUS);
			n = -n;
		}
		let digits = 1;
		for (let p = 10; p <= n; p *= 10) digits++;
		this.room(digits);
		for (let i = this.pos + digits - 1; i >= this.pos; i--) {
			this.buf[i] = ZERO + (n % 10);
			n = Math.floor(n / 10);
		}
		this.pos += digits;
	}

	/** One CSV field: no value empty, text neutralised, instants in Cambodia's time. */
	field(v: Cell) {
		if (v === null || v === undefined) return;
		if (typeof v === 'number') {
			if (Number.isSafeInteger(v)) this.integer(v);
			else this.text(String(v));
			return;
		}
		if (typeof v === 'boolean') return this.text(v ? 'true' : 'false');
		const text = v instanceof Date ? exportTime(v) : v;
		if (text.length <= PLAIN_MAX && this.plain(text)) return;
		const quoted = NEEDS_QUOTES.test(text);
		if (quoted) this.byte(QUOTE);
		if (looksLikeFormula(text)) this.byte(APOSTROPHE);
		this.text(quoted ? text.replaceAll('"', '""') : text);
		if (quoted) this.byte(QUOTE);
	}

	endOfRecord() {
		this.byte(CR);
		this.byte(LF);
	}
}

// Written by hand rather than with csv-stringify: its per-call option handling and per-cell
// casts were most of an export's time (profiled on 100,000 rows), and the rules are these few.
function csvRecord(out: CsvBytes, cells: Cell[]) {
	for (let i = 0; i < cells.length; i++) {
		if (i) out.byte(COMMA);
		out.field(cells[i]);
	}
	out.endOfRecord();
}

/**
 * CSV (RFC 4180, UTF-8 with a byte order mark so that Excel shows Khmer, CRLF line ends): the
 * header, the HXL hashtag row, then the rows, with formula-like text neutralised. (XLSX needs
 * no such care: its text cells are never formulas.)
 */
export function csvStream<Row>(t: Table<Row>): ReadableStream<Uint8Array> {
	const out = new CsvBytes();
	const columns = t.columns;
	const values = columns.map((c) => c.value);
	let started = false;
	return rowStream(t.rows, async (batches) => {
		if (!started) {
			started = true;
			out.text('\uFEFF');
			csvRecord(
				out,
				columns.map((c) => c.header)
			);
			csvRecord(
				out,
				columns.map((c) => c.hxl)
			);
			return out.take();
		}
		while (out.size < CSV_CHUNK) {
			const rows = await batches.next();
			if (!rows) break;
			for (const row of rows) {
				for (let i = 0; i < values.length; i++) {
					if (i) out.byte(COMMA);
					out.field(values[i](row));
				}
				out.endOfRecord();
			}
		}
		return out.size ? out.take() : null;
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
	async function next(batches: Batches<Row>): Promise<Uint8Array | null> {
		for (;;) {
			if (failure) throw failure;
			const chunk = out.read() as Buffer | null;
			if (chunk) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
			if (ended) return null;
			if (!rowsDone) {
				const batch = await batches.next();
				if (batch) {
					for (const row of batch) addXlsxRow(sheet, t.columns, row);
					await sheet.drained();
				} else {
					rowsDone = true;
					// Not awaited: it resolves once `out` is read to the end, which is this loop's job.
					sheet.finish().catch((e: unknown) => (failure = e));
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
	return rowStream(t.rows, async (batches) => {
		if (state === 'start') {
			state = 'rows';
			return encoder.encode('{"type":"FeatureCollection","features":[\n');
		}
		if (state === 'done') return null;
		const batch = await batches.next();
		if (!batch) {
			state = 'done';
			return encoder.encode('\n]}\n');
		}
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
		return encoder.encode(text);
	});
}
