/**
 * The mass return at scale: a response with two years of daily tallies at 20 crossing points
 * and 50,000 manifests carrying 1,000,000 named passengers (times `--scale`). Times the
 * arrivals dashboard and the reconciliation through the service functions, beside replaying
 * the very SQL they issue (captured with Drizzle's logger) on better-sqlite3 directly.
 */
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { addDays, fromCambodiaTime } from '../../src/lib/domain/dates';
import { AGE_BANDS } from '../../src/lib/domain/people';
import { ageBand } from '../../src/lib/domain/returns';
import { sqliteClient, closeDb, type RootDb } from '../../src/lib/server/db';
import { transaction } from '../../src/lib/server/db/transaction';
import * as schema from '../../src/lib/server/db/schema';
import { locations, responses } from '../../src/lib/server/db/schema';
import { arrivalsDashboard, reconciliation } from '../../src/lib/server/returns';
import { DESTINATIONS, passengerRows, tallyRow } from '../../src/lib/server/seed/returns';
import { benchCoordinator, benchDb, rng, timeIt, type Bench, type BenchRow } from './harness';

const POINTS = 20;
const DAYS = 730;
const MANIFESTS = 50_000;
const PASSENGERS = 1_000_000;
const START = '2024-01-01';
const PROVINCES = DESTINATIONS.map(([p]) => p);

/** The return at the benchmark's scale; the sitreps benchmark computes its figures over it too. */
export async function generateReturn(db: RootDb, scale: number) {
	const r = rng(730);
	const client = sqliteClient(db);
	const { organisationId: orgId, userId } = await benchCoordinator(db);
	const days = Math.max(7, Math.round(DAYS * scale));
	const { responseId, pointIds } = await transaction(db, async (tx) => {
		const [response] = await tx
			.insert(responses)
			.values({ name: 'Bench return', kind: 'mass_return', startDate: START })
			.returning({ id: responses.id });
		const points = await tx
			.insert(locations)
			.values(
				Array.from({ length: POINTS }, (_, i) => ({
					kind: 'border_crossing' as const,
					nameEn: `Point ${i + 1}`,
					nameKm: `ច្រក ${i + 1}`,
					lon: 102.5 + i * 0.1,
					lat: 13
				}))
			)
			.returning({ id: locations.id });
		return { responseId: response.id, pointIds: points.map((p) => p.id) };
	});
	const now = Date.now();
	const tally = client.prepare(
		`insert into arrival_tallies (response_id, location_id, arrived_on, shift, f_0_5, f_6_17, f_18_59, f_60, m_0_5, m_6_17, m_18_59, m_60, disabled, persons, unaccompanied_children, pregnant_lactating, health_referrals, trafficking_referrals, organisation_id, recorded_by, created_at, updated_at)
		 values (@responseId, @locationId, @arrivedOn, 'morning', @f_0_5, @f_6_17, @f_18_59, @f_60, @m_0_5, @m_6_17, @m_18_59, @m_60, @disabled, @persons, @unaccompaniedChildren, @pregnantLactating, @healthReferrals, @traffickingReferrals, @orgId, @userId, @now, @now)`
	);
	const dest = client.prepare(
		'insert into tally_destinations (tally_id, response_id, arrived_on, province_pcode, persons) values (?, ?, ?, ?, ?)'
	);
	client.transaction(() => {
		for (let d = 0; d < days; d++) {
			const arrivedOn = addDays(START, d);
			for (const locationId of pointIds) {
				const { row, destinations } = tallyRow(r, 50 + Math.floor(r() * 1500));
				const id = tally.run({
					...row,
					responseId,
					locationId,
					arrivedOn,
					orgId,
					userId,
					now
				}).lastInsertRowid;
				for (const [pcode, n] of destinations) dest.run(id, responseId, arrivedOn, pcode, n);
			}
		}
	})();

	const manifestCount = Math.max(10, Math.round(MANIFESTS * scale));
	const perManifest = Math.round(PASSENGERS / MANIFESTS);
	const manifest = client.prepare(
		`insert into manifests (code, response_id, origin_location_id, vehicle_kind, plate, capacity, dest_province_pcode, planned_departure, mode, status, departed_at, departed_on, arrived_at, f_0_5, f_6_17, f_18_59, f_60, m_0_5, m_6_17, m_18_59, m_60, disabled, passengers, received_count, organisation_id, created_by, created_at, updated_at)
		 values (@code, @responseId, @origin, 'bus', @plate, 45, @pcode, @planned, 'named', @status, @departedAt, @departedOn, @arrivedAt, @f_0_5, @f_6_17, @f_18_59, @f_60, @m_0_5, @m_6_17, @m_18_59, @m_60, @disabled, @passengers, @received, @orgId, @userId, @now, @now)`
	);
	const passenger = client.prepare(
		'insert into manifest_passengers (manifest_id, position, name, sex, age, dest_pcode, phone, flags, arrived) values (?, ?, ?, ?, ?, ?, ?, ?, ?)'
	);
	let passengers = 0;
	client.transaction(() => {
		for (let i = 0; i < manifestCount; i++) {
			const day = Math.floor(r() * days);
			const departedOn = addDays(START, day);
			const planned = fromCambodiaTime(`${departedOn}T08:00`).getTime();
			const u = r();
			const status = u < 0.05 ? 'draft' : u < 0.1 ? 'cancelled' : u < 0.3 ? 'departed' : 'arrived';
			const moved = status === 'departed' || status === 'arrived';
			const list = passengerRows(r, perManifest - 5 + Math.floor(r() * 11), null);
			const cells: Record<string, number> = { disabled: 0 };
			for (const s of ['f', 'm']) for (const b of AGE_BANDS) cells[`${s}_${b}`] = 0;
			for (const p of list) {
				cells[`${p.sex}_${ageBand(p.age)}`] += 1;
				if (p.flags.includes('disabled')) cells.disabled += 1;
			}
			const id = manifest.run({
				...cells,
				code: `BENCH-${i}`,
				responseId,
				origin: pointIds[i % POINTS],
				plate: `B-${i}`,
				pcode: PROVINCES[Math.floor(r() * PROVINCES.length)],
				planned,
				status,
				departedAt: moved ? planned : null,
				departedOn: moved ? departedOn : null,
				arrivedAt: status === 'arrived' ? planned + 6 * 3_600_000 : null,
				passengers: list.length,
				received: status === 'arrived' ? list.length - (r() < 0.1 ? 1 : 0) : null,
				orgId,
				userId,
				now
			}).lastInsertRowid;
			list.forEach((p, position) =>
				passenger.run(
					id,
					position,
					p.name,
					p.sex,
					p.age,
					p.destPcode,
					p.phone,
					JSON.stringify(p.flags),
					status === 'arrived' ? 1 : null
				)
			);
			passengers += list.length;
		}
	})();
	client.pragma('optimize');
	return { responseId, days, tallies: days * POINTS, manifests: manifestCount, passengers };
}

/** The SQL a call issues, with its parameters, captured by a logging Drizzle over the same file. */
async function capture(db: RootDb, run: (db: RootDb) => Promise<unknown>) {
	const queries: { sql: string; params: unknown[] }[] = [];
	const logging = drizzle(sqliteClient(db), {
		schema,
		casing: 'snake_case',
		logger: { logQuery: (sql, params) => queries.push({ sql, params }) }
	}) as unknown as RootDb;
	await run(logging);
	return queries.map((q) => ({ statement: sqliteClient(db).prepare(q.sql), params: q.params }));
}

async function measure(
	db: RootDb,
	label: string,
	run: (db: RootDb) => Promise<unknown>,
	iterations: number
): Promise<BenchRow[]> {
	const statements = await capture(db, run);
	const ours = await timeIt(() => run(db), { iterations });
	const raw = await timeIt(
		() => {
			for (const s of statements) s.statement.all(...s.params);
		},
		{ iterations }
	);
	return [
		{
			name: `returns: ${label}, median`,
			value: ours.median,
			unit: 'ms',
			baseline: raw.median,
			baselineLabel: `same ${statements.length} SQL on better-sqlite3`,
			better: 'lower'
		},
		{
			name: `returns: ${label}, p99`,
			value: ours.p99,
			unit: 'ms',
			baseline: raw.p99,
			baselineLabel: `same ${statements.length} SQL on better-sqlite3`,
			better: 'lower',
			note: ours.p99 < 200 ? 'under the 200 ms target' : 'ABOVE the 200 ms target'
		}
	];
}

export const returnsBench: Bench = {
	name: 'returns',
	async run({ scale, workDir }) {
		const db = await benchDb(join(workDir, 'returns.db'));
		const started = performance.now();
		const world = await generateReturn(db, scale);
		const seconds = (performance.now() - started) / 1000;
		const iterations = scale >= 0.5 ? 30 : 60;
		const size = `${world.tallies.toLocaleString('en-US')} tallies, ${world.manifests.toLocaleString('en-US')} manifests, ${world.passengers.toLocaleString('en-US')} passengers`;
		const rows: BenchRow[] = [
			{ name: 'returns: generate data', value: seconds, unit: 's', note: size },
			...(await measure(
				db,
				'arrivals dashboard',
				(d) => arrivalsDashboard(d, world.responseId),
				iterations
			)),
			...(await measure(
				db,
				'reconciliation (all days, all provinces)',
				(d) => reconciliation(d, world.responseId),
				iterations
			)),
			...(await measure(
				db,
				'reconciliation (one province, one month)',
				(d) =>
					reconciliation(d, world.responseId, {
						pcode: 'KH03',
						from: addDays(START, 0),
						to: addDays(START, 30)
					}),
				iterations
			))
		];
		await closeDb(db);
		return rows;
	}
};
