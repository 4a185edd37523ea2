/**
 * Situation reports: the time to compute a sitrep's key figures (every provider in
 * `FIGURE_PROVIDERS`) over as many assessments as the assessments benchmark's map (100,000 at
 * scale 1), beside one raw SQL query summing the same columns; and the time to publish, which
 * computes and freezes them in a transaction; and the key figures over the returns and shelter
 * benchmarks' data at the same scale.
 */
import { join } from 'node:path';
import { assessmentSchema } from '../../src/lib/domain/assessments';
import { fromCambodiaTime, sitrepSchema } from '../../src/lib/domain/sitreps';
import { submitAssessment } from '../../src/lib/server/assessments';
import type { KeyFigure } from '../../src/lib/domain/figures';
import { computeFigures, createSitrep, publishSitrep } from '../../src/lib/server/sitreps';
import {
	benchCoordinator,
	benchDb,
	benchFloodResponse,
	p99Label,
	timeIt,
	type Bench,
	type BenchRow
} from './harness';
import { generateReturn } from './returns';
import { fillActivities, shelterWorld } from './shelter';
import { sqliteClient, closeDb } from '../../src/lib/server/db';

const FLOOD_PROVINCES = ['KH01', 'KH02', 'KH15', 'KH17', 'KH24', 'KH22', 'KH04', 'KH06'];

export const sitrepsBench: Bench = {
	name: 'sitreps',
	async run({ scale, workDir }): Promise<BenchRow[]> {
		const n = Math.max(1000, Math.round(100_000 * scale));
		const db = await benchDb(join(workDir, 'sitreps.db'));
		const { organisationId, userId } = await benchCoordinator(db, { email: 'bench@x.org' });
		const actor = { id: userId, role: 'coordinator' as const, organisationId };
		const responseId = await benchFloodResponse(db);

		// One real submission, then n copies of it spread over provinces and days in SQL.
		await submitAssessment(
			db,
			actor,
			assessmentSchema.parse({
				id: '00000000-0000-4000-8000-000000000000',
				responseId,
				lon: 103.2,
				lat: 13.1,
				observedOn: '2020-10-10',
				affected_f_18_59: 50,
				affected_m_18_59: 45,
				displacedPersons: 30,
				access: 'road',
				waterState: 'limited',
				sanitationState: 'damaged',
				needs: ['shelter']
			})
		);
		const columns = (sqliteClient(db).pragma('table_info(assessments)') as { name: string }[])
			.map((c) => c.name)
			.filter((c) => c !== 'seq');
		const varied: Record<string, string> = {
			id: `printf('00000000-0000-4000-8000-%012d', i)`,
			content_hash: 'i',
			province_pcode: `json_extract('${JSON.stringify(FLOOD_PROVINCES)}', '$[' || (i % ${FLOOD_PROVINCES.length}) || ']')`,
			observed_on: `date('2020-10-05', '+' || (i % 28) || ' days')`,
			affected_persons: '50 + i % 400',
			displaced_persons: 'i % 120'
		};
		sqliteClient(db)
			.prepare(
				`with recursive n(i) as (select 1 union all select i + 1 from n where i < ?)
				 insert into assessments (${columns.join(', ')})
				 select ${columns.map((c) => varied[c] ?? c).join(', ')} from n, (select * from assessments where seq = 1)`
			)
			.run(n);

		const asOf = fromCambodiaTime('2020-10-20T18:00');
		let figures: KeyFigure[] = [];
		const ours = await timeIt(async () => (figures = await computeFigures(db, responseId, asOf)), {
			iterations: 10,
			warmup: 2
		});
		const raw = sqliteClient(db).prepare(
			`select province_pcode, sum(affected_persons), sum(displaced_persons) from assessments
			 where response_id = ? and observed_on <= ? group by province_pcode`
		);
		const baseline = await timeIt(() => raw.all(responseId, '2020-10-20'), {
			iterations: 10,
			warmup: 2
		});

		let number = 0;
		const publish = await timeIt(
			async () => {
				const s = await createSitrep(
					db,
					actor,
					responseId,
					sitrepSchema.parse({
						asOf: '2020-10-20T18:00',
						periodFrom: '2020-10-14',
						periodTo: '2020-10-20',
						highlights: 'Bench',
						overview: 'Bench',
						contacts: 'Bench',
						nextReportOn: '2020-10-27',
						shelter_nfi_needs: 'Bench',
						shelter_nfi_response: 'Bench',
						shelter_nfi_gaps: 'Bench'
					})
				);
				number = (await publishSitrep(db, actor, s.id)).number;
			},
			{ iterations: 5, warmup: 1 }
		);
		await closeDb(db);

		// The same over the other benchmarks' data: the return's tallies and manifests, the 4W rows.
		const now = new Date();
		const ret = await benchDb(join(workDir, 'sitreps-return.db'));
		const returnWorld = await generateReturn(ret, scale);
		const onReturn = await timeIt(() => computeFigures(ret, returnWorld.responseId, now), {
			iterations: 10,
			warmup: 2
		});
		const rawReturn = sqliteClient(ret).prepare(
			`select location_id, sum(persons) from arrival_tallies where response_id = ? group by location_id`
		);
		const returnBaseline = await timeIt(() => rawReturn.all(returnWorld.responseId), {
			iterations: 10,
			warmup: 2
		});
		await closeDb(ret);

		const activities = Math.max(500, Math.round(200_000 * scale));
		const shelter = await shelterWorld(join(workDir, 'sitreps-shelter.db'));
		await fillActivities(shelter, activities);
		// The target: every figure over 200,000 activities within 150 ms at the 99th percentile.
		const onShelter = await timeIt(() => computeFigures(shelter.db, shelter.responseId, now), {
			iterations: 100,
			warmup: 3
		});
		const rawShelter = sqliteClient(shelter.db).prepare(
			`select sum(reached_households), sum(reached_persons) from shelter_activities
			 where response_id = ? and review_state = 'validated'`
		);
		const shelterBaseline = await timeIt(() => rawShelter.get(shelter.responseId), {
			iterations: 10,
			warmup: 2
		});
		await closeDb(shelter.db);

		return [
			{
				name: `sitreps: key figures over ${n.toLocaleString('en-US')} assessments`,
				value: ours.median,
				unit: 'ms',
				baseline: baseline.median,
				baselineLabel: 'one raw group-by on better-sqlite3',
				better: 'lower',
				note: `${figures.length} figures; leaves out reviewed duplicates, names provinces`
			},
			{
				name: 'sitreps: create and publish (figures frozen)',
				value: publish.median,
				unit: 'ms',
				better: 'lower',
				note: `${number} reports published`
			},
			{
				name: `sitreps: key figures over the return (${returnWorld.passengers.toLocaleString('en-US')} passengers)`,
				value: onReturn.median,
				unit: 'ms',
				baseline: returnBaseline.median,
				baselineLabel: 'one raw group-by on better-sqlite3',
				better: 'lower',
				note: `${returnWorld.tallies.toLocaleString('en-US')} tallies, ${returnWorld.manifests.toLocaleString('en-US')} manifests`
			},
			{
				name: `sitreps: key figures over ${activities.toLocaleString('en-US')} 4W activities, median`,
				value: onShelter.median,
				unit: 'ms',
				baseline: shelterBaseline.median,
				baselineLabel: 'one raw sum on better-sqlite3 (a floor: no Gaps, no NFI)',
				better: 'lower',
				note: 'sites, people in them, reached, NFI by item'
			},
			{
				name: `sitreps: key figures over ${activities.toLocaleString('en-US')} 4W activities, ${p99Label(onShelter.samples.length)}`,
				value: onShelter.p99,
				unit: 'ms',
				better: 'lower',
				target: 150,
				note: 'warm (3 runs first)'
			}
		];
	}
};
