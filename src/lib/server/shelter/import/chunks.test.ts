/**
 * Files longer than a chunk of rows (matched and staged together), and rows whose references
 * the import answers from its per-file look-ups instead of asking the database per row.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { IMPORT_COLUMNS } from '$lib/domain/shelter-import';
import { shelterActivities } from '$lib/server/db/schema';
import { getActivity } from '..';
import { createSite } from '../sites';
import { shelterWorld, siteSample, type ShelterWorld } from '../testing';
import { checkFile, commitFile } from './testing';

let w: ShelterWorld;
beforeEach(async () => {
	w = await shelterWorld();
});

type Row = Record<string, string | number>;
const HEADERS = IMPORT_COLUMNS.map((c) => c.header);

const good = (over: Row = {}): Row => ({
	'Reporting organisation': 'CRC',
	Activity: 'NFI distribution',
	Modality: 'in kind',
	Province: 'KH02',
	Commune: 'KH020101',
	'Start date': '2020-10-15',
	Status: 'ongoing',
	'Households targeted': 30,
	'Households reached': 20,
	Items: 'TARP:5',
	...over
});

/** CSV lines; `null` is an empty line. */
const csv = (rows: (Row | null)[]) =>
	new TextEncoder().encode(
		[HEADERS, ...rows.map((r) => (r ? HEADERS.map((h) => r[h] ?? '') : []))]
			.map((cells) => cells.join(','))
			.join('\n')
	);

const check = (bytes: Uint8Array) => checkFile(w.db, w.partner, w.responseId, 'big.csv', bytes);
const rows = () => w.db.select().from(shelterActivities).orderBy(asc(shelterActivities.id));

const day = (i: number) => new Date(Date.UTC(2020, 9, 1 + i)).toISOString().slice(0, 10);

/** 600 rows, each its own activity: several chunks of the check and batches of the commit. */
const many = (n = 600) =>
	Array.from({ length: n }, (_, i) =>
		good({
			'Row ID': `r-${i}`,
			Commune: i % 2 ? 'KH020102' : 'KH020101',
			'Start date': day(i),
			Items: `TARP:${i + 1}`
		})
	);

describe('a 4W file longer than a chunk', () => {
	it('reports problems across chunks in row order, and imports each row with its own items', async () => {
		const file = many();
		const bad: (Row | null)[] = [...file];
		bad[260] = null;
		bad[300] = { ...file[300], 'Row ID': 'r-5' };
		bad[550] = { ...file[550], 'Reporting organisation': 'Nobody' };
		const refused = await check(csv(bad));
		expect(refused.state).toBe('failed');
		expect(refused.problems).toEqual([
			{ row: 262, column: null, message: 'Empty row: delete it.' },
			{ row: 302, column: null, message: 'Rows 7 and 302 share the Row ID "r-5".' },
			{
				row: 552,
				column: 'Reporting organisation',
				message: expect.stringContaining('Nobody') as string
			}
		]);
		expect(await rows()).toEqual([]);

		const checked = await check(csv(file));
		expect(checked).toMatchObject({ state: 'checked', problems: [], created: 600 });
		const done = await commitFile(w.db, w.partner, w.responseId, checked.id);
		expect(done).toMatchObject({ state: 'done', created: 600, rowsSaved: 600 });
		const saved = await rows();
		expect(saved).toHaveLength(600);
		for (const r of [saved[0], saved[251], saved[599]]) {
			const i = Number(/r-(\d+)$/.exec(r.importKey ?? '')?.[1]);
			expect([r.pcode, r.startDate]).toEqual([i % 2 ? 'KH020102' : 'KH020101', day(i)]);
			expect((await getActivity(w.db, r.id))?.items).toEqual([
				{ catalogueId: w.tarp, quantity: i + 1 }
			]);
		}

		// The same file again, and without its Row IDs (matched by the natural key): nothing new.
		expect(await check(csv(file))).toMatchObject({ state: 'checked', created: 0, unchanged: 600 });
		const natural = await check(csv(file.map((r) => ({ ...r, 'Row ID': '' }))));
		expect(natural).toMatchObject({ state: 'checked', created: 0, unchanged: 600 });
		expect(natural.matches).toEqual({ natural: 600 });
	});

	it('refuses a start before the response and takes a site, its place and a partner', async () => {
		const site = await createSite(
			w.db,
			w.coordinator,
			w.responseId,
			siteSample(w.crc, { pcode: 'KH020102' })
		);
		expect(site.pcode).toBe('KH020102');
		const status = await check(
			csv([
				good({ 'Start date': '2020-09-30' }),
				good({
					Province: '',
					Commune: '',
					Site: 'Wat Kantueu pagoda',
					'Implementing partner': 'PIN'
				})
			])
		);
		expect(status.problems).toEqual([
			{ row: 2, column: 'Start date', message: 'Before the response began (2020-10-01).' }
		]);
		const fixed = await check(
			csv([
				good({
					Province: '',
					Commune: '',
					Site: 'Wat Kantueu pagoda',
					'Implementing partner': 'PIN'
				})
			])
		);
		expect(fixed.state).toBe('checked');
		await commitFile(w.db, w.partner, w.responseId, fixed.id);
		expect(
			(await rows()).map((r) => [r.siteId, r.pcode, r.implementingPartnerId, r.organisationId])
		).toEqual([[site.id, site.pcode, w.pin, w.crc]]);
	});
});
