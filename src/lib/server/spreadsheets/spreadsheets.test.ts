import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { LIMITS, SpreadsheetRefused, readSpreadsheet, workbookBytes } from '.';

/** A minimal workbook from its parts: what a hostile file is made of. */
async function zipOf(parts: Record<string, string>): Promise<Uint8Array> {
	const zip = new JSZip();
	for (const [name, text] of Object.entries(parts)) zip.file(name, text);
	return zip.generateAsync({
		type: 'uint8array',
		compression: 'DEFLATE',
		compressionOptions: { level: 9 }
	});
}

const WORKBOOK = {
	'xl/workbook.xml':
		'<workbook xmlns:r="r"><sheets><sheet name="4W" sheetId="1" r:id="rId1"/></sheets></workbook>',
	'xl/_rels/workbook.xml.rels':
		'<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'
};

const sheet = (rows: string) => `<worksheet><sheetData>${rows}</sheetData></worksheet>`;

async function readAll(bytes: Uint8Array, format: 'xlsx' | 'csv' = 'xlsx', limits = LIMITS) {
	const rows = [];
	for await (const r of readSpreadsheet(bytes, format, limits)) rows.push(r);
	return rows;
}

async function refusal(bytes: Uint8Array, format: 'xlsx' | 'csv' = 'xlsx', limits = LIMITS) {
	try {
		await readAll(bytes, format, limits);
	} catch (e) {
		if (e instanceof SpreadsheetRefused) return e.reason;
		throw e;
	}
	return null;
}

/** Sets the uncompressed size the central directory declares for a part (a lying file). */
function declare(bytes: Uint8Array, name: string, size: number): Uint8Array {
	const out = new Uint8Array(bytes);
	const view = new DataView(out.buffer);
	for (let i = 0; i < out.length - 46; i++) {
		if (view.getUint32(i, true) !== 0x02014b50) continue;
		const nameLength = view.getUint16(i + 28, true);
		const entry = new TextDecoder().decode(out.subarray(i + 46, i + 46 + nameLength));
		if (entry === name) view.setUint32(i + 24, size, true);
	}
	return out;
}

/** Heap growth while running `fn`: a refusal must come before the bomb is unpacked. */
async function heapGrowth(fn: () => Promise<unknown>) {
	const before = process.memoryUsage().heapUsed;
	let peak = before;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 1);
	await fn();
	clearInterval(timer);
	return Math.max(peak, process.memoryUsage().heapUsed) - before;
}

describe('reading spreadsheets', () => {
	it('reads shared strings, inline strings, numbers, booleans and dates', async () => {
		const bytes = await workbookBytes([
			{
				name: 'One',
				rows: [
					['Name', 'Count', 'Day', 'Done'],
					['កន្ទឺ', 12, new Date(Date.UTC(2020, 9, 15)), true]
				]
			}
		]);
		const rows = await readAll(bytes);
		expect(rows).toEqual([
			{ row: 1, values: ['Name', 'Count', 'Day', 'Done'] },
			{ row: 2, values: ['កន្ទឺ', 12, new Date(Date.UTC(2020, 9, 15)), true] }
		]);
	});

	it('refuses a shared-strings bomb before unpacking it', async () => {
		// 64 MB of the same string compresses to about 64 kB: the 8 MB file that held 3.4 GB, small.
		const si = '<si><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></si>';
		const bytes = await zipOf({
			...WORKBOOK,
			'xl/sharedStrings.xml': `<sst>${si.repeat((64 * 1024 * 1024) / si.length)}</sst>`,
			'xl/worksheets/sheet1.xml': sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
		});
		let reason: string | null = null;
		const growth = await heapGrowth(async () => (reason = await refusal(bytes)));
		expect(reason).toBe('too_compressed');
		expect(growth).toBeLessThan(32 * 1024 * 1024);
	});

	it('refuses more shared strings than the limit, and a part declaring gigabytes', async () => {
		const strings = `<sst>${'<si><t>x</t></si>'.repeat(11)}</sst>`;
		const bytes = await zipOf({
			...WORKBOOK,
			'xl/sharedStrings.xml': strings,
			'xl/worksheets/sheet1.xml': sheet('')
		});
		expect(await refusal(bytes, 'xlsx', { ...LIMITS, maxSharedStrings: 10 })).toBe(
			'shared_strings_too_large'
		);
		expect(await refusal(declare(bytes, 'xl/sharedStrings.xml', 3_400_000_000))).toBe(
			'entry_too_large'
		);
	});

	it('refuses a part that inflates past the size its directory declares', async () => {
		const rows = Array.from(
			{ length: 2000 },
			(_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`
		);
		const bytes = declare(
			await zipOf({ ...WORKBOOK, 'xl/worksheets/sheet1.xml': sheet(rows.join('')) }),
			'xl/worksheets/sheet1.xml',
			100
		);
		expect(await refusal(bytes)).toBe('entry_too_large');
	});

	it('refuses too many parts, rows, columns and a cell past its size', async () => {
		const parts: Record<string, string> = { ...WORKBOOK, 'xl/worksheets/sheet1.xml': sheet('') };
		for (let i = 0; i < LIMITS.maxEntries; i++) parts[`xl/media/${i}.xml`] = '<x/>';
		expect(await refusal(await zipOf(parts))).toBe('too_many_entries');

		const far = sheet('<row r="1048576"><c r="A1048576"><v>1</v></c></row>');
		expect(await refusal(await zipOf({ ...WORKBOOK, 'xl/worksheets/sheet1.xml': far }))).toBe(
			'too_many_rows'
		);
		const many = sheet(Array.from({ length: 30 }, (_, i) => `<row r="${i + 1}"/>`).join(''));
		expect(
			await refusal(await zipOf({ ...WORKBOOK, 'xl/worksheets/sheet1.xml': many }), 'xlsx', {
				...LIMITS,
				maxRows: 10
			})
		).toBe('too_many_rows');
		const wide = sheet('<row r="1"><c r="XFD1"><v>1</v></c></row>');
		expect(await refusal(await zipOf({ ...WORKBOOK, 'xl/worksheets/sheet1.xml': wide }))).toBe(
			'too_many_columns'
		);
		const long = sheet(
			`<row r="1"><c r="A1" t="inlineStr"><is><t>${'a'.repeat(1_000_000)}</t></is></c></row>`
		);
		expect(await refusal(await zipOf({ ...WORKBOOK, 'xl/worksheets/sheet1.xml': long }))).toBe(
			'cell_too_long'
		);
	});

	it('refuses a file that is not a workbook, and a CSV past the caps', async () => {
		expect(await refusal(new TextEncoder().encode('not a zip at all'))).toBe('not_zip');
		const csv = Array.from({ length: 30 }, (_, i) => `a,${i}`).join('\n');
		expect(await refusal(new TextEncoder().encode(csv), 'csv', { ...LIMITS, maxRows: 10 })).toBe(
			'too_many_rows'
		);
		expect(await refusal(new Uint8Array(LIMITS.maxBytes + 1), 'csv')).toBe('too_large');
	});
});
