/**
 * What a spreadsheet may hold before we refuse it. A 4W of 100,000 rows fits with room; a zip
 * bomb or a sheet of millions of rows is refused before it can take the server's memory.
 */
export interface SpreadsheetLimits {
	/** The uploaded file itself. */
	maxBytes: number;
	/** Parts inside an XLSX (a real workbook has a few dozen). */
	maxEntries: number;
	/** Any one part, uncompressed, as the zip's directory declares it (and checked while inflating). */
	maxEntryBytes: number;
	/** Every part together, uncompressed. */
	maxTotalBytes: number;
	/** Uncompressed ÷ compressed for parts over 1 MB: XML compresses 10–30×, bombs 400–1000×. */
	maxRatio: number;
	/** The shared strings part, uncompressed: its strings are the one thing kept in memory. */
	maxSharedStringsBytes: number;
	maxSharedStrings: number;
	/** Data rows (the header rows excluded), columns, and characters in one cell. */
	maxRows: number;
	maxColumns: number;
	maxCellChars: number;
}

export const LIMITS: SpreadsheetLimits = {
	maxBytes: 20 * 1024 * 1024,
	maxEntries: 1000,
	maxEntryBytes: 400 * 1024 * 1024,
	maxTotalBytes: 500 * 1024 * 1024,
	maxRatio: 200,
	maxSharedStringsBytes: 32 * 1024 * 1024,
	maxSharedStrings: 1_000_000,
	maxRows: 150_000,
	maxColumns: 256,
	// Excel's own limit for a cell.
	maxCellChars: 32_767
};

export type RefusalReason =
	| 'too_large'
	| 'not_zip'
	| 'encrypted'
	| 'too_many_entries'
	| 'entry_too_large'
	| 'too_compressed'
	| 'shared_strings_too_large'
	| 'no_sheet'
	| 'bad_xml'
	| 'bad_csv'
	| 'too_many_rows'
	| 'too_many_columns'
	| 'cell_too_long';

/** A file we will not read, and why; the caller words it for the person. */
export class SpreadsheetRefused extends Error {
	constructor(
		readonly reason: RefusalReason,
		/** The sheet's row where reading stopped, when there is one. */
		readonly row: number | null = null
	) {
		super(`spreadsheet refused: ${reason}${row ? ` at row ${row}` : ''}`);
		this.name = 'SpreadsheetRefused';
	}
}
