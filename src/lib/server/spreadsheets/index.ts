/**
 * Every spreadsheet the app reads or writes goes through here (see README.md beside this file
 * for what a replacement must keep doing).
 */
import { csvRows } from './csv-read';
import { LIMITS, SpreadsheetRefused, type SpreadsheetLimits } from './limits';
import type { SheetFormat, SheetRow } from './types';
import { xlsxRows } from './xlsx-read';

export { LIMITS, SpreadsheetRefused, type RefusalReason, type SpreadsheetLimits } from './limits';
export type { CellValue, SheetFormat, SheetRow } from './types';
export {
	columnLetter,
	workbookBytes,
	xlsxStreamWriter,
	type SheetSpec,
	type WriteCell,
	type XlsxStreamWriter
} from './xlsx-write';

export function formatOf(fileName: string): SheetFormat | null {
	const ext = fileName.toLowerCase().split('.').pop();
	return ext === 'xlsx' ? 'xlsx' : ext === 'csv' ? 'csv' : null;
}

/**
 * The first sheet's rows, streamed, or a `SpreadsheetRefused` (thrown on the first read) for a
 * file too large, not what it claims to be, or past a limit.
 */
export async function* readSpreadsheet(
	bytes: Uint8Array,
	format: SheetFormat,
	limits: SpreadsheetLimits = LIMITS
): AsyncGenerator<SheetRow> {
	if (bytes.byteLength > limits.maxBytes) throw new SpreadsheetRefused('too_large');
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	yield* format === 'xlsx' ? xlsxRows(buffer, limits) : csvRows(buffer, limits);
}
