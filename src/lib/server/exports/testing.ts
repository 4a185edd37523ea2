/** Many assessments written straight into the table, for the memory test and the benchmark. */
import type { RootDb } from '$lib/server/db';
import { assessments } from '$lib/server/db/schema';
import { transaction } from '$lib/server/db/transaction';

export interface FillOwner {
	responseId: number;
	organisationId: number;
	userId: number;
}

/** Rows per statement: every column is a parameter, and each engine caps their number. */
const CHUNK = 200;

/**
 * `n` plausible rows around Battambang, the same every time, in one transaction per 10,000.
 * Straight into the table, past the services (no P-code lookup, duplicates or audit): a million
 * rows through them would take minutes.
 */
export async function fillAssessments(
	db: RootDb,
	owner: FillOwner,
	n: number,
	seed = 1
): Promise<void> {
	const row = (i: number): typeof assessments.$inferInsert => {
		const households = 10 + ((i * 7919 + seed) % 300);
		return {
			id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
			responseId: owner.responseId,
			organisationId: owner.organisationId,
			submittedBy: owner.userId,
			contentHash: String(i),
			observedOn: `2020-10-${String(5 + (i % 25)).padStart(2, '0')}`,
			lon: 102.6 + ((i * 31) % 2200) / 1000,
			lat: 12.3 + ((i * 17) % 1500) / 1000,
			locationSource: 'gps',
			pcode: 'KH02',
			pcodeSource: 'point',
			provincePcode: 'KH02',
			villageName: `Phum ${i}`,
			affectedHouseholds: households,
			affected_f_18_59: households * 2,
			affected_m_18_59: households * 2,
			affectedPersons: households * 4,
			displacedHouseholds: Math.floor(households / 4),
			displacedPersons: households,
			houses: households,
			housesDamaged: Math.floor(households / 10),
			access: 'road',
			waterState: 'limited',
			sanitationState: 'damaged',
			needs: ['shelter', 'water', 'food'],
			qtyTarpaulins: Math.floor(households / 4),
			receivedAt: new Date(Date.UTC(2020, 9, 15) + i * 1000)
		};
	};
	for (let from = 0; from < n; from += 10_000) {
		const to = Math.min(n, from + 10_000);
		await transaction(db, async (tx) => {
			for (let start = from; start < to; start += CHUNK) {
				const rows = [];
				for (let i = start; i < Math.min(to, start + CHUNK); i++) rows.push(row(i));
				await tx.insert(assessments).values(rows);
			}
		});
	}
}
