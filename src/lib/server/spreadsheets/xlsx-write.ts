/**
 * Writing XLSX: a streaming one-sheet writer for exports, and a small workbook (several sheets,
 * notes, drop-down lists) for templates. Both on ExcelJS, kept here so it can be replaced.
 */
import { once } from 'node:events';
import type { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export type WriteCell = string | number | boolean | Date | null;

export interface XlsxStreamWriter {
	/** `formats` gives a cell's number format (dates need one to show as dates). */
	addRow(cells: WriteCell[], formats?: (string | undefined)[]): void;
	/** Resolves when the zip has taken what was added, so rows never pile up in memory. */
	drained(): Promise<void>;
	/** Ends the sheet and the workbook; `out` ends once read to the end. */
	finish(): Promise<void>;
}

/**
 * One style object per number format, shared by every cell that has it: ExcelJS remembers the
 * id of a style object it has seen, where each cell's own empty style was rendered to XML and
 * looked up again, cell after cell (a tenth of an XLSX export's time). Never changed once made.
 */
const STYLES = new Map<string, Partial<ExcelJS.Style>>();
function sharedStyle(numFmt = ''): Partial<ExcelJS.Style> {
	let style = STYLES.get(numFmt);
	if (!style) STYLES.set(numFmt, (style = numFmt ? { numFmt } : {}));
	return style;
}

/** One sheet streamed into `out`, its first `frozenRows` rows kept in view. */
export function xlsxStreamWriter(
	out: PassThrough,
	sheetName: string,
	frozenRows: number
): XlsxStreamWriter {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: out,
		// Styles carry the number formats of date cells.
		useStyles: true,
		useSharedStrings: false
	});
	const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
		views: [{ state: 'frozen', ySplit: frozenRows }]
	});
	return {
		addRow: (cells, formats) => {
			const row = sheet.addRow(cells);
			row.eachCell((cell, column) => {
				cell.style = sharedStyle(formats?.[column - 1]);
			});
			row.commit();
		},
		drained: () => entryDrained(sheet),
		finish: () => {
			sheet.commit();
			return workbook.commit();
		}
	};
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

export interface SheetSpec {
	name: string;
	rows: WriteCell[][];
	/** Rows kept in view at the top, shown bold. */
	headerRows?: number;
	widths?: number[];
	/** Notes on cells of the first row, by zero-based column. */
	notes?: Record<number, string>;
	/** Drop-down lists: a column (zero-based) of rows `fromRow`–`toRow` takes a range of a sheet. */
	lists?: { column: number; fromRow: number; toRow: number; source: string }[];
	/** Wrap text in every cell (instructions). */
	wrap?: boolean;
}

/** `0` → `A`, `27` → `AB`. */
export function columnLetter(i: number): string {
	let s = '';
	for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
		s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
}

/** A workbook built whole in memory: for small files such as templates. */
export async function workbookBytes(sheets: SheetSpec[]): Promise<Uint8Array<ArrayBuffer>> {
	const wb = new ExcelJS.Workbook();
	for (const spec of sheets) {
		const sheet = wb.addWorksheet(spec.name.slice(0, 31));
		for (const row of spec.rows) sheet.addRow(row);
		const header = spec.headerRows ?? 0;
		for (let r = 1; r <= header; r++) sheet.getRow(r).font = { bold: true };
		if (header) sheet.views = [{ state: 'frozen', ySplit: header }];
		spec.widths?.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
		if (spec.wrap) sheet.eachRow((row) => (row.alignment = { wrapText: true, vertical: 'top' }));
		for (const [column, note] of Object.entries(spec.notes ?? {})) {
			sheet.getCell(1, Number(column) + 1).note = note;
		}
		for (const list of spec.lists ?? []) {
			const letter = columnLetter(list.column);
			for (let r = list.fromRow; r <= list.toRow; r++) {
				sheet.getCell(`${letter}${r}`).dataValidation = {
					type: 'list',
					allowBlank: true,
					formulae: [list.source],
					showErrorMessage: false
				};
			}
		}
	}
	return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
