/**
 * Demo rapid assessments for the October 2020 floods: a few hundred over the affected communes
 * of Battambang, Banteay Meanchey, Pursat, Siem Reap and Pailin, with plausible numbers, and
 * some places assessed twice on one day by different teams (the likely duplicates to review).
 */
import {
	ACCESS,
	NEEDS,
	SANITATION_STATES,
	WATER_STATES,
	assessmentSchema,
	type AssessmentInput
} from '$lib/domain/assessments';
import { addDays } from '$lib/domain/dates';
import type { Actor } from '$lib/domain/policy';
import type { RootDb } from '$lib/server/db';
import { adminAreas } from '$lib/server/db/schema';
import { transaction } from '$lib/server/db/transaction';
import { submitAssessment } from '$lib/server/assessments';
import type { SeedContext } from './foundation';
import { FLOOD_DISTRICTS, floodCommunes } from './assessment-areas';
import { rng, seededUuid } from './random';

export async function ensureFloodAreas(db: RootDb): Promise<void> {
	const districts = FLOOD_DISTRICTS.map((d) => ({
		pcode: d.pcode,
		level: 2,
		parentPcode: d.pcode.slice(0, 4),
		nameEn: d.nameEn,
		nameKm: d.nameKm
	}));
	const communes = floodCommunes().map((c) => ({
		pcode: c.pcode,
		level: 3,
		parentPcode: c.districtPcode,
		nameEn: c.nameEn,
		nameKm: c.nameKm
	}));
	await transaction(db, async (tx) => {
		await tx
			.insert(adminAreas)
			.values([...districts, ...communes])
			.onConflictDoNothing({ target: adminAreas.pcode });
	});
}

export const DEMO_ASSESSMENTS = 320;

export async function seedAssessments(db: RootDb, ctx: SeedContext): Promise<void> {
	await ensureFloodAreas(db);
	const r = rng(2020);
	const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
	const int = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
	const uuid = () => seededUuid(r);
	const teams: Actor[] = [
		{ id: ctx.users.field, role: 'field', organisationId: ctx.organisations.IOM },
		{ id: ctx.users.partner, role: 'partner', organisationId: ctx.organisations.CRC },
		{ id: ctx.users.partner2, role: 'partner', organisationId: ctx.organisations.PIN },
		{ id: ctx.users.coordinator, role: 'coordinator', organisationId: ctx.organisations.IOM }
	];
	const communes = floodCommunes();
	// Worst hit first: Battambang and Banteay Meanchey communes are assessed more often.
	const weighted = communes.flatMap((c) =>
		c.pcode.startsWith('KH02') || c.pcode.startsWith('KH01') ? [c, c] : [c]
	);

	function assessment(): AssessmentInput {
		const c = pick(weighted);
		const households = int(15, 420);
		const persons = Math.round(households * (4 + r()));
		const share = (n: number, p: number) => Math.round(n * p);
		const cells = {
			affected_f_0_5: share(persons, 0.06),
			affected_m_0_5: share(persons, 0.06),
			affected_f_6_17: share(persons, 0.13),
			affected_m_6_17: share(persons, 0.13),
			affected_f_18_59: share(persons, 0.26),
			affected_m_18_59: share(persons, 0.24),
			affected_f_60: share(persons, 0.07),
			affected_m_60: share(persons, 0.05)
		};
		const total = Object.values(cells).reduce((a, b) => a + b, 0);
		const displacedHouseholds = share(households, r() * 0.35);
		const sites = share(displacedHouseholds, r() * 0.6);
		const host = share(displacedHouseholds - sites, r());
		const houses = Math.round(households * 1.1);
		const destroyed = share(houses, r() * 0.04);
		const deep = r() < 0.4;
		const needs = [...NEEDS].sort(() => r() - 0.5);
		// Shelter, water and food come first more often in a flood.
		needs.sort((a, b) => favour(b) - favour(a) + (r() - 0.5) * 3);
		return {
			id: uuid(),
			responseId: ctx.responses.flood,
			lon: Math.round((c.centre[0] + (r() - 0.5) * 0.04) * 1e6) / 1e6,
			lat: Math.round((c.centre[1] + (r() - 0.5) * 0.04) * 1e6) / 1e6,
			accuracyM: int(4, 40),
			locationSource: 'gps',
			pcode: c.pcode,
			villageName: `${c.nameEn} ${int(1, 6)}`,
			observedOn: addDays('2020-10-08', int(0, 24)),
			affectedHouseholds: households,
			...cells,
			affected_disabled: share(total, 0.02 + r() * 0.02),
			displacedHouseholds,
			displacedPersons: Math.round(displacedHouseholds * 4.3),
			displacedHhSites: sites,
			displacedHhHost: host,
			displacedHhRoadside: displacedHouseholds - sites - host,
			deaths: r() < 0.08 ? int(1, 3) : 0,
			injured: r() < 0.2 ? int(1, 8) : 0,
			missing: r() < 0.03 ? 1 : 0,
			houses,
			housesFlooded: share(houses, 0.3 + r() * 0.6),
			housesDamaged: share(houses, r() * 0.2),
			housesDestroyed: destroyed,
			access: deep ? pick(['boat_only', 'boat_only', 'none'] as const) : pick(ACCESS),
			waterState: pick(WATER_STATES),
			sanitationState: deep ? 'flooded' : pick(SANITATION_STATES),
			needs: needs.slice(0, int(3, 5)),
			qtyTarpaulins: share(displacedHouseholds, 1),
			qtyHygieneKits: share(households, r() * 0.6),
			qtyFamilyKits: share(displacedHouseholds, 0.8),
			qtyMosquitoNets: share(displacedHouseholds, 2),
			qtyJerryCans: share(households, r() * 0.5),
			qtyWaterFilters: share(households, r() * 0.3),
			notes: deep ? 'Village cut off by water; reached by boat.' : null
		};
	}

	for (let i = 0; i < DEMO_ASSESSMENTS; i++) {
		const input = assessmentSchema.parse(assessment());
		const team = pick(teams);
		await submitAssessment(db, team, input);
		// Now and then another team assesses the same village that day, a little way off.
		if (i % 25 === 7) {
			const other = teams[(teams.indexOf(team) + 1) % teams.length];
			const copy = {
				...input,
				id: uuid(),
				lon: input.lon + 0.0008,
				affectedHouseholds: input.affectedHouseholds + int(-5, 5),
				notes: null
			};
			await submitAssessment(db, other, assessmentSchema.parse(copy));
		}
	}
}

function favour(need: string): number {
	return need === 'shelter' || need === 'water' ? 2 : need === 'food' || need === 'nfi' ? 1 : 0;
}
