/**
 * Reading the first worksheet of an XLSX as a stream of rows, within `SpreadsheetLimits`: the
 * container is checked first (see zip.ts), shared strings are read only from a part small
 * enough and kept up to a count, and rows, columns and cell sizes are capped as they stream.
 * Dates are told from numbers by the cell's number format, as Excel does.
 */
import type { Readable } from 'node:stream';
import { SpreadsheetRefused, type SpreadsheetLimits } from './limits';
import type { CellValue, SheetRow } from './types';
import { openZip, type ZipArchive } from './zip';
import { parsePart, xmlParser } from './xml';

/** A token may be a cell's text with every character escaped (`&amp;` is 5). */
const runFor = (limits: SpreadsheetLimits) => limits.maxCellChars * 6 + 1024;

async function readWhole(
	zip: ZipArchive,
	name: string,
	limits: SpreadsheetLimits,
	handlers: Parameters<typeof xmlParser>[0]
) {
	const stream = await zip.open(name);
	if (!stream) return false;
	for await (const _ of parsePart(stream, xmlParser(handlers, runFor(limits))));
	return true;
}

/** `xl/worksheets/sheet1.xml` for the workbook's first sheet, through its relationship. */
async function firstSheetPath(zip: ZipArchive, limits: SpreadsheetLimits) {
	let firstId: string | null = null;
	let date1904 = false;
	await readWhole(zip, 'xl/workbook.xml', limits, {
		open(name, a) {
			if (name === 'sheet' && firstId === null) {
				firstId = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? null;
			}
			if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
		}
	});
	const targets = new Map<string, string>();
	await readWhole(zip, 'xl/_rels/workbook.xml.rels', limits, {
		open(name, a) {
			if (name === 'Relationship' && a.Id && a.Target) targets.set(a.Id, a.Target);
		}
	});
	const target = firstId ? targets.get(firstId) : undefined;
	const path = target
		? target.startsWith('/')
			? target.slice(1)
			: `xl/${target.replace(/^\.\//, '')}`
		: 'xl/worksheets/sheet1.xml';
	if (!zip.entries.has(path)) throw new SpreadsheetRefused('no_sheet');
	return { path, date1904 };
}

async function sharedStrings(zip: ZipArchive, limits: SpreadsheetLimits): Promise<string[]> {
	const name = 'xl/sharedStrings.xml';
	const entry = zip.entries.get(name);
	if (!entry) return [];
	if (entry.uncompressedSize > limits.maxSharedStringsBytes) {
		throw new SpreadsheetRefused('shared_strings_too_large');
	}
	const strings: string[] = [];
	let current = '';
	let inText = false;
	// Phonetic guides (<rPh>) repeat the text in another script: not part of the value.
	let phonetic = 0;
	await readWhole(zip, name, limits, {
		open(tag) {
			if (tag === 'si') current = '';
			else if (tag === 't') inText = phonetic === 0;
			else if (tag === 'rPh') phonetic++;
		},
		text(t) {
			if (inText) current += t;
		},
		close(tag) {
			if (tag === 't') inText = false;
			else if (tag === 'rPh') phonetic--;
			else if (tag === 'si') {
				if (strings.length >= limits.maxSharedStrings) {
					throw new SpreadsheetRefused('shared_strings_too_large');
				}
				strings.push(current);
			}
		}
	});
	return strings;
}

/** Excel's built-in date and time formats. */
const BUILTIN_DATES = new Set([
	14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
	52, 53, 54, 55, 56, 57, 58
]);

/** A custom format is a date when, outside quotes and [colours], it has day/month/year/time codes. */
const isDateFormat = (code: string) =>
	/[dmyhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, '').replace(/General/gi, ''));

/** For each cell style (`s`), whether its numbers are dates. */
async function dateStyles(zip: ZipArchive, limits: SpreadsheetLimits): Promise<boolean[]> {
	const custom = new Map<number, boolean>();
	const styles: boolean[] = [];
	let inCellXfs = false;
	const entry = zip.entries.get('xl/styles.xml');
	if (!entry || entry.uncompressedSize > limits.maxSharedStringsBytes) return styles;
	await readWhole(zip, 'xl/styles.xml', limits, {
		open(tag, a) {
			if (tag === 'numFmt') custom.set(Number(a.numFmtId), isDateFormat(a.formatCode ?? ''));
			else if (tag === 'cellXfs') inCellXfs = true;
			else if (tag === 'xf' && inCellXfs && styles.length < 65_536) {
				const id = Number(a.numFmtId ?? 0);
				styles.push(custom.get(id) ?? BUILTIN_DATES.has(id));
			}
		},
		close(tag) {
			if (tag === 'cellXfs') inCellXfs = false;
		}
	});
	return styles;
}

/** `AB12` → 27 (zero-based column). */
function columnOf(ref: string | undefined, fallback: number): number {
	if (!ref) return fallback;
	let n = 0;
	for (const ch of ref) {
		const code = ch.charCodeAt(0);
		if (code < 65 || code > 90) break;
		n = n * 26 + code - 64;
		if (n > 20_000) break;
	}
	return n ? n - 1 : fallback;
}

/** Days since 1899-12-30 (or 1904-01-01) to a UTC date, as Excel counts them. */
function excelDate(serial: number, date1904: boolean): Date {
	const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
	return new Date(epoch + Math.round(serial * 86_400_000));
}

export async function* xlsxRows(
	bytes: Buffer,
	limits: SpreadsheetLimits
): AsyncGenerator<SheetRow> {
	const zip = await openZip(bytes, limits);
	try {
		const { path, date1904 } = await firstSheetPath(zip, limits);
		const strings = await sharedStrings(zip, limits);
		const dates = await dateStyles(zip, limits);
		const stream = (await zip.open(path)) as Readable;

		const ready: SheetRow[] = [];
		let rowNumber = 0;
		let values: CellValue[] = [];
		let cell = { column: 0, type: 'n', style: 0 };
		let text = '';
		let inValue = false;
		let inline = false;
		let rows = 0;

		const parser = xmlParser(
			{
				open(tag, a) {
					if (tag === 'row') {
						rowNumber = a.r ? Number(a.r) : rowNumber + 1;
						// Header rows plus data rows: a row number past that is a sheet too big.
						if (!(rowNumber > 0) || rowNumber > limits.maxRows + 10 || ++rows > limits.maxRows + 10)
							throw new SpreadsheetRefused('too_many_rows', rowNumber || null);
						values = [];
					} else if (tag === 'c') {
						const column = columnOf(a.r, values.length);
						if (column >= limits.maxColumns) throw new SpreadsheetRefused('too_many_columns');
						cell = { column, type: a.t ?? 'n', style: Number(a.s ?? 0) };
						text = '';
					} else if (tag === 'v') {
						inValue = true;
					} else if (tag === 'is') {
						inline = true;
					} else if (tag === 't' && inline) {
						inValue = true;
					}
				},
				text(t) {
					if (inValue) text += t;
				},
				close(tag) {
					if (tag === 'v' || tag === 't') inValue = false;
					else if (tag === 'is') inline = false;
					else if (tag === 'c') values[cell.column] = cellValue();
					else if (tag === 'row') {
						for (let i = 0; i < values.length; i++) values[i] ??= null;
						ready.push({ row: rowNumber, values });
					}
				}
			},
			runFor(limits)
		);

		function cellValue(): CellValue {
			if (text.length > limits.maxCellChars)
				throw new SpreadsheetRefused('cell_too_long', rowNumber);
			switch (cell.type) {
				case 's': {
					const s = strings[Number(text)];
					return s === undefined || s === '' ? null : s;
				}
				case 'inlineStr':
				case 'str':
				case 'e':
					return text === '' ? null : text;
				case 'b':
					return text === '1' || text === 'true';
				case 'd':
					return text ? new Date(text) : null;
				default: {
					if (text === '') return null;
					const n = Number(text);
					if (!Number.isFinite(n)) return text;
					return dates[cell.style] ? excelDate(n, date1904) : n;
				}
			}
		}

		for await (const _ of parsePart(stream, parser)) {
			yield* ready.splice(0);
		}
		yield* ready.splice(0);
	} finally {
		zip.close();
	}
}
