/** A small world for assessment tests: organisations, people, the flood response, one commune. */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { AssessmentInput } from '$lib/domain/assessments';
import { engineOf, type Db } from '$lib/server/db';
import { rawRun } from '$lib/server/db/raw';
import { adminAreas, assessments, responses } from '$lib/server/db/schema';
import { testDb } from '$lib/server/testing';

/** A square commune in Battambang around (103.2, 13.1), so point lookups have a shape to hit. */
export const COMMUNE = 'KH020101';
const square = (lon: number, lat: number, d: number) => ({
	type: 'Polygon',
	coordinates: [
		[
			[lon - d, lat - d],
			[lon + d, lat - d],
			[lon + d, lat + d],
			[lon - d, lat + d],
			[lon - d, lat - d]
		]
	]
});

export async function assessmentWorld() {
	const { db, org, user } = await testDb();
	// Battambang as a box, so "outside every province" can be tested with or without imports.
	await db
		.update(adminAreas)
		.set({ geometry: JSON.stringify(square(103.0, 13.0, 0.6)), bbox: [102.4, 12.4, 103.6, 13.6] })
		.where(eq(adminAreas.pcode, 'KH02'));
	const iom = await org('IOM');
	const crc = await org('CRC');
	const field = await user('field@x.org', 'field', iom);
	const field2 = await user('field2@x.org', 'field', iom);
	const partner = await user('partner@x.org', 'partner', crc);
	const coordinator = await user('coord@x.org', 'coordinator', iom);
	const viewer = await user('viewer@x.org', 'viewer', crc);
	const [{ id: responseId }] = await db
		.insert(responses)
		.values({ name: 'Floods', kind: 'flood', startDate: '2020-10-01' })
		.returning();
	await db.insert(adminAreas).values([
		{ pcode: 'KH0201', level: 2, parentPcode: 'KH02', nameEn: 'Banan', nameKm: 'បាណន់' },
		{
			pcode: COMMUNE,
			level: 3,
			parentPcode: 'KH0201',
			nameEn: 'Kantueu Muoy',
			nameKm: 'កន្ទឺ១',
			geometry: JSON.stringify(square(103.2, 13.1, 0.05)),
			bbox: [103.15, 13.05, 103.25, 13.15]
		},
		{ pcode: 'KH020102', level: 3, parentPcode: 'KH0201', nameEn: 'Kantueu Pir', nameKm: 'កន្ទឺ២' }
	]);
	return { db, org, user, iom, crc, field, field2, partner, coordinator, viewer, responseId };
}

/** A plausible submission; override what a test is about. */
export function sample(responseId: number, over: Partial<AssessmentInput> = {}): AssessmentInput {
	return {
		id: randomUUID(),
		responseId,
		lon: 103.2,
		lat: 13.1,
		accuracyM: 12,
		locationSource: 'gps',
		villageName: 'Phum Muoy',
		observedOn: '2020-10-15',
		affectedHouseholds: 40,
		affected_f_0_5: 10,
		affected_m_0_5: 12,
		affected_f_18_59: 50,
		affected_m_18_59: 45,
		affected_disabled: 3,
		displacedHouseholds: 10,
		displacedPersons: 35,
		displacedHhSites: 6,
		displacedHhHost: 3,
		displacedHhRoadside: 1,
		houses: 60,
		housesFlooded: 30,
		housesDamaged: 8,
		housesDestroyed: 2,
		access: 'boat_only',
		waterState: 'contaminated',
		sanitationState: 'flooded',
		needs: ['shelter', 'water', 'food'],
		qtyTarpaulins: 10,
		...over
	};
}

/** How many assessments are stored (of one response), to see what a request wrote or did not. */
export async function countAssessments(db: Db, responseId?: number): Promise<number> {
	const [{ n }] = await db
		.select({ n: sql<number>`count(*)` })
		.from(assessments)
		.where(responseId ? eq(assessments.responseId, responseId) : undefined);
	return n;
}

/** Makes the database itself refuse to store one id: a write failing past every check. */
export async function refuseInsertOf(db: Db, id: string) {
	if (engineOf(db) === 'sqlite') {
		await rawRun(
			db,
			sql.raw(`create trigger refuse_one before insert on assessments when new.id = '${id}'
				begin select raise(abort, 'refused by a test trigger'); end`)
		);
		return;
	}
	await rawRun(
		db,
		sql.raw(`create function refuse_one() returns trigger language plpgsql as $$
			begin if new.id = '${id}' then raise exception 'refused by a test trigger'; end if;
			return new; end $$`)
	);
	await rawRun(
		db,
		sql.raw(
			'create trigger refuse_one before insert on assessments for each row execute function refuse_one()'
		)
	);
}

/** Takes `refuseInsertOf`'s refusal away again. */
export async function allowInserts(db: Db) {
	if (engineOf(db) === 'sqlite') return await rawRun(db, sql.raw('drop trigger refuse_one'));
	await rawRun(db, sql.raw('drop trigger refuse_one on assessments'));
	await rawRun(db, sql.raw('drop function refuse_one()'));
}
