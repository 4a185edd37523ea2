/** Many assessments written straight into the table, for the memory test and the benchmark. */
import { sqliteClient, type RootDb } from '$lib/server/db';

export interface FillOwner {
	responseId: number;
	organisationId: number;
	userId: number;
}

/**
 * `n` plausible rows around Battambang, the same every time, in one transaction per 10,000.
 * Straight through better-sqlite3: a million rows through the services would take minutes.
 */
export async function fillAssessments(
	db: RootDb,
	owner: FillOwner,
	n: number,
	seed = 1
): Promise<void> {
	const insert = sqliteClient(db).prepare(
		`insert into assessments (id, response_id, organisation_id, submitted_by, content_hash,
			observed_on, lon, lat, location_source, pcode, pcode_source, province_pcode, village_name,
			affected_households, affected_f_18_59, affected_m_18_59, affected_persons,
			displaced_households, displaced_persons, houses, houses_damaged, access, water_state,
			sanitation_state, needs, qty_tarpaulins, created_at)
		values (?, ?, ?, ?, ?, ?, ?, ?, 'gps', 'KH02', 'point', 'KH02', ?, ?, ?, ?, ?, ?, ?, ?, ?,
			'road', 'limited', 'damaged', '["shelter","water","food"]', ?, ?)`
	);
	const batch = sqliteClient(db).transaction((from: number, to: number) => {
		for (let i = from; i < to; i++) {
			const households = 10 + ((i * 7919 + seed) % 300);
			insert.run(
				`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
				owner.responseId,
				owner.organisationId,
				owner.userId,
				String(i),
				`2020-10-${String(5 + (i % 25)).padStart(2, '0')}`,
				102.6 + ((i * 31) % 2200) / 1000,
				12.3 + ((i * 17) % 1500) / 1000,
				`Phum ${i}`,
				households,
				households * 2,
				households * 2,
				households * 4,
				Math.floor(households / 4),
				households,
				households,
				Math.floor(households / 10),
				Math.floor(households / 4),
				Date.UTC(2020, 9, 15) + i * 1000
			);
		}
	});
	for (let from = 0; from < n; from += 10_000) batch(from, Math.min(n, from + 10_000));
}
