import { readdirSync, readFileSync } from 'node:fs';
import { first } from '$lib/server/db/transaction';
import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rawRows, rawRun } from '$lib/server/db/raw';
import { ENGINE } from '$lib/server/db/engine';
import { IMPORT_COLUMNS } from '$lib/domain/shelter-import';
import {
	ACTIVITY_TYPES,
	REVIEW_MOVES,
	type MatrixFilter,
	type ReviewMove,
	type ReviewState
} from '$lib/domain/shelter';
import { UserError } from '$lib/server/errors';
import type { Actor } from '$lib/domain/policy';
import { workbookBytes, type WriteCell } from '$lib/server/spreadsheets';
import {
	createActivity,
	deleteActivity,
	gapsByArea,
	matrixByArea,
	matrixTotals,
	reviewActivity,
	updateActivity
} from '.';
import {
	distributedLines,
	distributedLinesQuery,
	matrixByAreaQuery,
	matrixTotalsQuery
} from './matrix';
import { activitySample, shelterWorld, type ShelterWorld } from './testing';
import { moveNewRows } from './import/commit';
import { getJob, moveJob } from './import/jobs';
import { checkFile, importFile } from './import/testing';

let w: ShelterWorld;
beforeEach(async () => {
	w = await shelterWorld();
});

const VISIBLE = sql`(a.pending_import_id is null or a.pending_import_id in
	(select id from shelter_imports where state = 'published'))`;
// Every column named: PostgreSQL's rows are objects keyed by name, so two `substr` would be one.
const KEY = sql`a.response_id, a.review_state, substr(a.start_date, 1, 7) as start_month,
	substr(coalesce(a.end_date, a.start_date), 1, 7) as end_month, a.organisation_id,
	coalesce(a.implementing_partner_id, 0) as partner_id`;

/** The activity sums as a recount of the rows would give them, and as kept. */
async function activityCells() {
	const recount = await rawRows<Record<string, unknown>>(
		w.db,
		sql`select ${KEY}, a.activity_type, coalesce(a.province_pcode, '') as province_pcode,
		count(*) as activities, sum(a.targeted_households) as th, sum(a.reached_households) as rh,
		sum(a.targeted_persons) as tp, sum(a.reached_persons) as rp,
		sum(a.reached_f_0_5 + a.reached_f_6_17 + a.reached_f_18_59 + a.reached_f_60) as rf,
		sum(a.reached_disabled) as rd
		from shelter_activities a where ${VISIBLE} group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 3, 4, 5, 6, 7, 8`
	);
	const kept = await rawRows<Record<string, unknown>>(
		w.db,
		sql`select response_id, review_state, start_month, end_month,
		organisation_id, partner_id, activity_type, province_pcode, activities, targeted_households,
		reached_households, targeted_persons, reached_persons, reached_female, reached_disabled
		from shelter_activity_sums where activities <> 0 order by 1, 2, 3, 4, 5, 6, 7, 8`
	);
	return { recount: recount.map(Object.values), kept: kept.map(Object.values) };
}

async function itemCells() {
	const recount = await rawRows<Record<string, unknown>>(
		w.db,
		sql`select ${KEY}, coalesce(a.province_pcode, '') as province_pcode, i.catalogue_id,
		count(*) as lines, sum(i.quantity) as quantity
		from shelter_activity_items i join shelter_activities a on a.id = i.activity_id
		where ${VISIBLE} group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 3, 4, 5, 6, 7, 8`
	);
	const kept = await rawRows<Record<string, unknown>>(
		w.db,
		sql`select response_id, review_state, start_month, end_month,
		organisation_id, partner_id, province_pcode, catalogue_id, lines, quantity
		from shelter_item_sums where lines <> 0 order by 1, 2, 3, 4, 5, 6, 7, 8`
	);
	return { recount: recount.map(Object.values), kept: kept.map(Object.values) };
}

const START_MONTH = sql`substr(a.start_date, 1, 7)`;
const END_MONTH = sql`substr(coalesce(a.end_date, a.start_date), 1, 7)`;
const PROVINCE = sql`coalesce(a.province_pcode, '')`;
const REACHED = sql`count(*) as activities, sum(a.reached_households) as rh, sum(a.reached_persons) as rp`;

/**
 * The sums by province alone and by day, each as a recount of the rows gives it (`key` named
 * in the table's column order) and as kept (its cells with rows, `figure` not 0).
 */
const OTHER_SUMS = [
	{
		table: 'shelter_province_sums',
		key: sql`a.response_id, a.review_state, a.activity_type, ${START_MONTH} as start_month,
			${END_MONTH} as end_month, ${PROVINCE} as province_pcode`,
		figures: REACHED,
		columns: `response_id, review_state, activity_type, start_month, end_month, province_pcode,
			activities, reached_households, reached_persons`,
		keyLength: 6,
		figure: 'activities',
		items: false
	},
	{
		table: 'shelter_province_item_sums',
		key: sql`a.response_id, a.review_state, a.activity_type, ${START_MONTH} as start_month,
			${END_MONTH} as end_month, ${PROVINCE} as province_pcode, i.catalogue_id`,
		figures: sql`count(*) as lines, sum(i.quantity) as quantity`,
		columns: `response_id, review_state, activity_type, start_month, end_month, province_pcode,
			catalogue_id, lines, quantity`,
		keyLength: 7,
		figure: 'lines',
		items: true
	},
	{
		table: 'shelter_day_sums',
		key: sql`a.response_id, a.review_state, a.start_date, a.organisation_id,
			coalesce(a.implementing_partner_id, 0) as partner_id, ${PROVINCE} as province_pcode`,
		figures: sql`count(*) as activities, sum(a.targeted_households) as th,
			sum(a.reached_households) as rh, sum(a.targeted_persons) as tp,
			sum(a.reached_persons) as rp,
			sum(a.reached_f_0_5 + a.reached_f_6_17 + a.reached_f_18_59 + a.reached_f_60) as rf,
			sum(a.reached_disabled) as rd`,
		columns: `response_id, review_state, start_date, organisation_id, partner_id,
			province_pcode, activities, targeted_households, reached_households, targeted_persons,
			reached_persons, reached_female, reached_disabled`,
		keyLength: 6,
		figure: 'activities',
		items: false
	},
	{
		table: 'shelter_province_day_item_sums',
		key: sql`a.response_id, a.review_state, a.start_date, ${PROVINCE} as province_pcode,
			i.catalogue_id`,
		figures: sql`count(*) as lines, sum(i.quantity) as quantity`,
		columns: `response_id, review_state, start_date, province_pcode, catalogue_id, lines,
			quantity`,
		keyLength: 5,
		figure: 'lines',
		items: true
	}
];

async function otherCells(t: (typeof OTHER_SUMS)[number]) {
	const order = Array.from({ length: t.keyLength }, (_, i) => i + 1).join(', ');
	const from = t.items
		? sql`shelter_activity_items i join shelter_activities a on a.id = i.activity_id`
		: sql`shelter_activities a`;
	const recount = await rawRows<Record<string, unknown>>(
		w.db,
		sql`select ${t.key}, ${t.figures} from ${from} where ${VISIBLE}
		group by ${sql.raw(order)} order by ${sql.raw(order)}`
	);
	const kept = await rawRows<Record<string, unknown>>(
		w.db,
		sql.raw(`select ${t.columns} from ${t.table} where ${t.figure} <> 0 order by ${order}`)
	);
	// PostgreSQL's sums are bigints, read as strings: compare numbers.
	const values = (rows: Record<string, unknown>[]) =>
		rows.map((r) => Object.values(r).map((v) => (typeof v === 'bigint' ? Number(v) : v)));
	return { recount: values(recount), kept: values(kept) };
}

/** After every write the sums hold exactly what a recount of the rows gives. */
async function expectSumsRight() {
	const activities = await activityCells();
	expect(activities.kept).toEqual(activities.recount);
	const items = await itemCells();
	expect(items.kept).toEqual(items.recount);
	for (const t of OTHER_SUMS) {
		const other = await otherCells(t);
		expect(other.kept, t.table).toEqual(other.recount);
	}
	return { cells: activities.kept.length, lines: items.kept.length };
}

type Row = Record<string, WriteCell>;
const good = (over: Row = {}): Row => ({
	'Reporting organisation': 'CRC',
	Activity: 'NFI distribution',
	Modality: 'in kind',
	Province: 'KH02',
	District: 'Banan',
	Commune: 'Kantueu Muoy',
	'Start date': '2020-11-03',
	Status: 'ongoing',
	'Households targeted': 30,
	'Targeted F 18-59': 50,
	'Targeted M 18-59': 40,
	'Households reached': 20,
	'Reached F 18-59': 35,
	'Reached M 18-59': 25,
	Items: 'FAMILY:10; TARP:5',
	...over
});
const xlsx = (rows: Row[], headers: string[]) =>
	workbookBytes([
		{ name: '4W', rows: [headers, ...rows.map((r) => headers.map((h) => r[h] ?? null))] }
	]);
const HEADERS = IMPORT_COLUMNS.map((c) => c.header);

describe('4W sums', () => {
	it('match a recount of the rows after every kind of write', async () => {
		const tarps = (quantity: number) => [{ catalogueId: w.tarp, quantity }];
		const one = await createActivity(
			w.db,
			w.partner,
			w.responseId,
			activitySample({ items: [...tarps(8), { catalogueId: w.familyKit, quantity: 3 }] })
		);
		expect(await expectSumsRight()).toEqual({ cells: 1, lines: 2 });
		const two = await createActivity(
			w.db,
			w.partner,
			w.responseId,
			activitySample({ implementingPartnerId: w.pin, endDate: undefined, items: tarps(4) }),
			{ submit: true }
		);
		const three = await createActivity(
			w.db,
			w.partner2,
			w.responseId,
			activitySample({ pcode: 'KH01', startDate: '2020-11-02', endDate: '2020-12-05' })
		);
		expect((await expectSumsRight()).cells).toBe(3);

		// An edit moves the row to another month, province, type and items.
		await updateActivity(
			w.db,
			w.partner,
			one.id,
			activitySample({
				activityType: 'shelter_repair',
				pcode: 'KH01',
				startDate: '2020-11-20',
				endDate: undefined,
				reachedHouseholds: 25,
				items: tarps(30)
			})
		);
		await expectSumsRight();
		for (const move of ['return', 'submit', 'validate', 'reopen', 'submit', 'validate'] as const) {
			await reviewActivity(w.db, move === 'submit' ? w.partner : w.coordinator, two.id, {
				move,
				comment: move === 'return' ? 'Check the count' : null
			});
			await expectSumsRight();
		}
		await deleteActivity(w.db, w.partner2, three.id);
		await expectSumsRight();

		// An import: one row updated (by its Activity ID), two created.
		const headers = ['Activity ID', ...HEADERS];
		const done = await importFile(
			w.db,
			w.partner,
			w.responseId,
			'4w.xlsx',
			await xlsx(
				[
					good({ 'Activity ID': one.id, 'Households reached': 21, Items: 'TARP:2' }),
					good({ 'Activity ID': null }),
					good({ 'Activity ID': null, Commune: 'KH020102', 'Start date': '2020-12-01' })
				],
				headers
			)
		);
		expect(done).toMatchObject({ state: 'done', created: 2, updated: 1 });
		expect((await expectSumsRight()).cells).toBeGreaterThan(1);

		// Rows an import wrote but never published are in no sum.
		const before = await expectSumsRight();
		const checked = await checkFile(
			w.db,
			w.partner,
			w.responseId,
			'later.xlsx',
			await xlsx([good({ Commune: 'KH020102', 'Start date': '2020-10-07' })], HEADERS)
		);
		expect(await moveJob(w.db, checked.id, ['checked'], 'committing')).toBe(true);
		await moveNewRows(w.db, (await getJob(w.db, checked.id))!);
		expect(await expectSumsRight()).toEqual(before);
	});

	// The first sums' backfill is for SQLite deployments that had 4W rows before the sums existed
	// (a PostgreSQL deployment begins after them: db:copy brings the sums along); the sums by
	// province and by day came after PostgreSQL, so both engines have their backfill.
	it('are built for the rows already there by their migrations', async () => {
		await createActivity(
			w.db,
			w.partner,
			w.responseId,
			activitySample({ items: [{ catalogueId: w.tarp, quantity: 5 }] })
		);
		await createActivity(
			w.db,
			w.partner2,
			w.responseId,
			activitySample({ pcode: 'KH01', startDate: '2020-11-02', endDate: undefined })
		);
		const kept = await expectSumsRight();
		const sqlite = ENGINE !== 'postgres';
		const tables = [
			...(sqlite ? ['shelter_activity_sums', 'shelter_item_sums'] : []),
			...OTHER_SUMS.map((o) => o.table)
		];
		for (const t of tables) await rawRun(w.db, sql.raw(`delete from ${t}`));
		// Found by their names: the migrations may be renumbered.
		const dir = sqlite ? 'drizzle' : 'drizzle/pg';
		const names = [
			...(sqlite ? ['_shelter_sums_backfill.sql'] : []),
			'_shelter_province_and_day_sums_backfill.sql'
		];
		for (const name of names) {
			const file = readdirSync(dir).find((f) => f.endsWith(name));
			for (const statement of readFileSync(`${dir}/${file}`, 'utf8').split(
				'--> statement-breakpoint'
			)) {
				await rawRun(w.db, sql.raw(statement));
			}
		}
		expect(await expectSumsRight()).toEqual(kept);
		expect(kept).toEqual({ cells: 2, lines: 1 });
	});

	it('give the readers the same figures as the rows, for every actor and filter', async () => {
		const at = (startDate: string, endDate: string | undefined, over = {}) =>
			activitySample({ startDate, endDate, ...over });
		const rows = [
			await createActivity(w.db, w.partner, w.responseId, at('2020-10-05', undefined)),
			await createActivity(w.db, w.partner, w.responseId, at('2020-10-28', '2020-11-30'), {
				submit: true
			}),
			await createActivity(
				w.db,
				w.partner2,
				w.responseId,
				at('2020-11-10', undefined, { pcode: 'KH01' })
			),
			await createActivity(
				w.db,
				w.partner2,
				w.responseId,
				at('2020-11-25', undefined, {
					activityType: 'shelter_repair',
					implementingPartnerId: w.crc
				})
			),
			await createActivity(
				w.db,
				w.coordinator,
				w.responseId,
				at('2020-12-02', undefined, { pcode: 'KH020102' })
			)
		];
		for (const r of rows.slice(1, 4)) {
			if (r.reviewState === 'draft')
				await reviewActivity(w.db, w.partner2, r.id, { move: 'submit' });
			await reviewActivity(w.db, w.coordinator, r.id, { move: 'validate' });
		}
		const base = { responseId: w.responseId, reviewState: 'all' as const };
		const filters: MatrixFilter[] = [
			base,
			{ ...base, month: '2020-11' },
			{ ...base, month: '2020-11', activityType: 'nfi_distribution' },
			{ ...base, area: 'KH02' },
			{ ...base, organisationId: w.crc },
			{ ...base, to: '2020-11-15' },
			{ ...base, to: '2020-10-31' },
			{ ...base, to: '2020-11-24', month: '2020-11' },
			{ responseId: w.responseId, reviewState: 'validated', to: '2020-11-30' },
			{ responseId: w.responseId, reviewState: 'submitted' }
		];
		const actors: Actor[] = [w.coordinator, w.partner, w.partner2, w.viewer];
		let counted = 0;
		for (const actor of actors) {
			for (const f of filters) {
				const fromRows = await first(matrixTotalsQuery(w.db, actor, f));
				expect(await matrixTotals(w.db, actor, f), JSON.stringify(f)).toEqual(fromRows);
				expect(await matrixByArea(w.db, actor, f, 'province')).toEqual(
					await matrixByAreaQuery(w.db, actor, f, 'province')
				);
				counted += fromRows?.activities ?? 0;
			}
		}
		// The cases are not all empty: the comparison means something.
		expect(counted).toBeGreaterThan(40);
	});

	it('give each filter its own figures from queries built once per shape of filter', async () => {
		const at = (startDate: string, endDate: string | undefined, over = {}) =>
			activitySample({ startDate, endDate, ...over });
		const made = [
			await createActivity(w.db, w.partner, w.responseId, at('2020-10-05', '2020-10-20')),
			await createActivity(w.db, w.partner2, w.responseId, at('2020-11-03', undefined)),
			await createActivity(
				w.db,
				w.partner2,
				w.responseId,
				at('2020-11-12', undefined, { pcode: 'KH01', activityType: 'shelter_repair' })
			),
			await createActivity(
				w.db,
				w.coordinator,
				w.responseId,
				at('2020-11-22', undefined, { pcode: 'KH020102', implementingPartnerId: w.crc })
			)
		];
		for (const r of made.slice(0, 3)) {
			if (r.reviewState === 'draft') {
				const author = r === made[0] ? w.partner : w.partner2;
				await reviewActivity(w.db, author, r.id, { move: 'submit' });
			}
			await reviewActivity(w.db, w.coordinator, r.id, { move: 'validate' });
		}
		const base = { responseId: w.responseId, reviewState: 'all' as const };
		// Pairs of the same shape (the same filters set, the same kind of reader) with other
		// values: a value kept in a query built for the first would give the second its figures.
		const filters: MatrixFilter[] = [
			{ ...base, area: 'KH02' },
			{ ...base, area: 'KH01' },
			{ ...base, month: '2020-10' },
			{ ...base, month: '2020-11' },
			{ ...base, to: '2020-11-10' },
			{ ...base, to: '2020-11-20' },
			{ ...base, to: '2020-10-31' },
			{ ...base, to: '2020-11-30' },
			{ ...base, month: '2020-11', to: '2020-11-15' },
			{ ...base, month: '2020-11', to: '2020-11-25' },
			{ ...base, organisationId: w.crc },
			{ ...base, organisationId: w.pin },
			{ ...base, activityType: 'shelter_repair' },
			{ ...base, activityType: 'nfi_distribution' },
			{ ...base, status: 'ongoing' },
			{ ...base, status: 'completed' },
			{ responseId: w.responseId, reviewState: 'validated' },
			{ responseId: w.responseId, reviewState: 'submitted' }
		];
		let differing = 0;
		for (const actor of [w.coordinator, w.partner, w.partner2, w.viewer]) {
			const seen: string[] = [];
			for (const f of filters) {
				const what = `${actor.role} ${actor.organisationId} ${JSON.stringify(f)}`;
				const fromRows = await first(matrixTotalsQuery(w.db, actor, f));
				const totals = await matrixTotals(w.db, actor, f);
				expect(totals, what).toEqual(fromRows);
				for (const level of ['province', 'district'] as const) {
					expect(await matrixByArea(w.db, actor, f, level), `${what} ${level}`).toEqual(
						await matrixByAreaQuery(w.db, actor, f, level)
					);
				}
				seen.push(JSON.stringify(totals));
			}
			for (let i = 0; i < seen.length; i += 2) if (seen[i] !== seen[i + 1]) differing++;
		}
		// Most pairs' figures differ: a query answering with the first's values would be seen.
		expect(differing).toBeGreaterThan(20);
	});

	it('give Gaps the same NFI distributed from the sums as from the lines', async () => {
		const items = [
			{ catalogueId: w.tarp, quantity: 7 },
			{ catalogueId: w.familyKit, quantity: 3 }
		];
		await createActivity(w.db, w.partner, w.responseId, activitySample({ items }));
		await createActivity(
			w.db,
			w.partner,
			w.responseId,
			activitySample({ startDate: '2020-11-12', endDate: undefined, items: items.slice(1) })
		);
		const f = { responseId: w.responseId, reviewState: 'all' as const, asOf: '2020-11-20' };
		// Every row is an NFI distribution: filtered by that type Gaps reads the lines themselves.
		const fromSums = await gapsByArea(w.db, w.coordinator, f, 'province');
		const fromLines = await gapsByArea(
			w.db,
			w.coordinator,
			{ ...f, activityType: 'nfi_distribution' },
			'province'
		);
		expect(fromSums).toEqual(fromLines);
		// Tarpaulins: 7 given as such, and one per family kit (3 + 3).
		expect(fromSums.rows[0].items.TARP.distributed).toBe(13);
	});

	it("match the rows after a random mix of writes, and give every reader the rows' figures", async () => {
		// A small seeded generator: the same mix on every run.
		let seed = 17;
		const random = () => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed / 2 ** 31;
		};
		const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
		const day = (from: string, upTo: number) => {
			const d = new Date(`${from}T00:00:00Z`);
			d.setUTCDate(d.getUTCDate() + Math.floor(random() * upTo));
			return d.toISOString().slice(0, 10);
		};
		// Partners write their own organisation's rows, the coordinator anyone's.
		const authors = [w.partner, w.partner2, w.coordinator];
		const pcodes = ['KH02', 'KH01', 'KH0201', 'KH020101', 'KH020102', 'KH12', 'KH17'];
		const catalogue = [w.tarp, w.blanket, w.familyKit];
		const sample = (author: Actor) => {
			const startDate = day('2020-10-01', 90);
			const lines = Math.floor(random() * 3);
			return activitySample({
				organisationId: author === w.coordinator ? pick([w.crc, w.pin, w.iom]) : undefined,
				activityType: pick(ACTIVITY_TYPES),
				pcode: pick(pcodes),
				startDate,
				endDate: random() < 0.4 ? undefined : day(startDate, 45),
				implementingPartnerId: pick([undefined, undefined, w.crc, w.pin, w.iom]),
				reachedHouseholds: 1 + Math.floor(random() * 25),
				items: Array.from({ length: lines }, (_, k) => ({
					catalogueId: catalogue[(k + Math.floor(random() * 3)) % 3],
					quantity: 1 + Math.floor(random() * 40)
				})).filter((l, k, all) => all.findIndex((m) => m.catalogueId === l.catalogueId) === k)
			});
		};
		const rows: { id: number; state: ReviewState }[] = [];
		const refused = (e: unknown) => {
			// Only the service's own refusals (a state or an owner that forbids the step) are skipped.
			if (!(e instanceof UserError)) throw e;
		};
		for (let step = 0; step < 80; step++) {
			const roll = random();
			const row = rows.length ? pick(rows) : null;
			if (!row || roll < 0.45) {
				const author = pick(authors);
				const made = await createActivity(w.db, author, w.responseId, sample(author), {
					submit: random() < 0.6
				});
				rows.push({ id: made.id, state: made.reviewState });
			} else if (roll < 0.6) {
				await updateActivity(w.db, w.coordinator, row.id, sample(w.coordinator)).catch(refused);
			} else if (roll < 0.68) {
				await deleteActivity(w.db, w.coordinator, row.id).catch(refused);
				rows.splice(rows.indexOf(row), 1);
			} else {
				const moves = (Object.keys(REVIEW_MOVES) as ReviewMove[]).filter((m) =>
					(REVIEW_MOVES[m].from as readonly ReviewState[]).includes(row.state)
				);
				if (!moves.length) continue;
				const move = pick(moves);
				await reviewActivity(w.db, w.coordinator, row.id, { move, comment: 'Checked' });
				row.state = REVIEW_MOVES[move].to;
			}
		}
		await expectSumsRight();

		const base = { responseId: w.responseId, reviewState: 'all' as const };
		const filters: MatrixFilter[] = [
			base,
			{ ...base, to: '2020-11-15' },
			{ ...base, to: '2020-12-09', activityType: 'nfi_distribution' },
			{ ...base, to: '2020-10-20', area: 'KH02' },
			{ ...base, to: '2020-11-30' },
			{ ...base, month: '2020-11' },
			{ ...base, month: '2020-12', to: '2020-12-12' },
			{ ...base, month: '2020-11', activityType: 'shelter_repair' },
			{ ...base, organisationId: w.crc, to: '2020-11-18' },
			{ ...base, organisationId: w.pin },
			{ ...base, area: 'KH01' },
			{ responseId: w.responseId, reviewState: 'validated', to: '2020-11-21' },
			{ responseId: w.responseId, reviewState: 'validated', to: '2020-12-31' },
			{ responseId: w.responseId, reviewState: 'submitted', to: '2020-12-03' }
		];
		const actors: Actor[] = [w.coordinator, w.partner, w.partner2, w.field, w.viewer];
		// Lines per province and item (the sums and the cut month's rows may each give a part).
		const sorted = (lines: { pcode: string; catalogueId: number; quantity: unknown }[]) => {
			const byKey = new Map<string, number>();
			for (const l of lines) {
				const key = `${l.pcode} ${l.catalogueId}`;
				byKey.set(key, (byKey.get(key) ?? 0) + Number(l.quantity));
			}
			return [...byKey].filter(([, q]) => q !== 0).sort(([x], [y]) => x.localeCompare(y));
		};
		let counted = 0;
		for (const actor of actors) {
			for (const f of filters) {
				const what = `${actor.role} ${JSON.stringify(f)}`;
				const fromRows = await first(matrixTotalsQuery(w.db, actor, f));
				expect(await matrixTotals(w.db, actor, f), what).toEqual(fromRows);
				expect(await matrixByArea(w.db, actor, f, 'province'), what).toEqual(
					await matrixByAreaQuery(w.db, actor, f, 'province')
				);
				expect(sorted(await distributedLines(w.db, actor, f, 'province')), what).toEqual(
					sorted(await distributedLinesQuery(w.db, actor, f, 'province'))
				);
				counted += fromRows?.activities ?? 0;
			}
		}
		// The cases are not all empty: the comparison means something.
		expect(counted).toBeGreaterThan(200);
	});
});
