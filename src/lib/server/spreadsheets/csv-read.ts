/** Reading a CSV as a stream of rows, with the same caps as an XLSX. */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { SpreadsheetRefused, type SpreadsheetLimits } from './limits';
import type { SheetRow } from './types';

/** Comma, semicolon (Excel in many locales) or tab: whichever the header line uses most. */
function delimiterOf(bytes: Buffer): string {
	const head = bytes.subarray(0, 64 * 1024).toString('utf8');
	const line = head.slice(0, head.search(/\r?\n|$/));
	const count = (c: string) => line.split(c).length - 1;
	return [',', ';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

export async function* csvRows(bytes: Buffer, limits: SpreadsheetLimits): AsyncGenerator<SheetRow> {
	// In pieces, so the parser works a piece per turn of the event loop, not the whole file at once.
	const pieces = function* () {
		for (let at = 0; at < bytes.byteLength; at += 64 * 1024)
			yield bytes.subarray(at, at + 64 * 1024);
	};
	const parser = Readable.from(pieces()).pipe(
		parse({
			bom: true,
			delimiter: delimiterOf(bytes),
			relax_column_count: true,
			relax_quotes: true,
			trim: true,
			max_record_size: limits.maxCellChars * 2
		})
	);
	let n = 0;
	try {
		for await (const record of parser as AsyncIterable<string[]>) {
			n++;
			if (n > limits.maxRows + 10) throw new SpreadsheetRefused('too_many_rows', n);
			if (record.length > limits.maxColumns) throw new SpreadsheetRefused('too_many_columns', n);
			for (const v of record) {
				if (v.length > limits.maxCellChars) throw new SpreadsheetRefused('cell_too_long', n);
			}
			yield { row: n, values: record.map((v) => (v === '' ? null : v)) };
		}
	} catch (e) {
		parser.destroy();
		if (e instanceof SpreadsheetRefused) throw e;
		const code = (e as { code?: string }).code;
		throw new SpreadsheetRefused(
			code === 'CSV_MAX_RECORD_SIZE' ? 'cell_too_long' : 'bad_csv',
			(e as { lines?: number }).lines ?? n + 1
		);
	}
}
