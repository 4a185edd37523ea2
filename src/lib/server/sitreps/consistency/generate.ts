/**
 * Random responses for the consistency suite (fast-check): one response holding arrival tallies
 * at two crossing points, manifests in every state, sites open and closed with counts corrected
 * and retracted, 4W rows in every review state with items and kits, and assessments in two
 * provinces, some reviewed as duplicates. Every record goes through its area's service.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { fromCambodiaTime } from '$lib/domain/dates';
import { assessmentSchema } from '$lib/domain/assessments';
import { newManifestSchema, newTallySchema } from '$lib/domain/returns';
import { locations } from '$lib/server/db/schema';
import { transaction } from '$lib/server/db/transaction';
import { reviewAssessment, submitAssessment } from '$lib/server/assessments';
import { sample } from '$lib/server/assessments/testing';
import { changeStatus, confirmArrival, createManifest, recordTally } from '$lib/server/returns';
import {
	createActivity,
	createSite,
	populationHistory,
	retractPopulation,
	reviewActivity
} from '$lib/server/shelter';
import {
	activitySample,
	addCount,
	correctCount,
	shelterWorld,
	siteSample
} from '$lib/server/shelter/testing';

const day = (d: number) => `2020-10-${String(d).padStart(2, '0')}`;
const share = fc.integer({ min: 0, max: 100 }).map((n) => n / 100);
const PROVINCES = ['KH02', 'KH12', 'KH14'] as const;
/** Two places with shapes: the Battambang commune of the test world, and Phnom Penh. */
const PLACES = [
	{ lon: 103.2, lat: 13.1 },
	{ lon: 104.9, lat: 11.55 }
] as const;

const tally = fc.record({
	point: fc.integer({ min: 0, max: 1 }),
	day: fc.integer({ min: 1, max: 15 }),
	women: fc.integer({ min: 1, max: 60 }),
	men: fc.integer({ min: 0, max: 60 }),
	girls: fc.integer({ min: 0, max: 15 }),
	old: fc.integer({ min: 0, max: 8 }),
	disabled: share,
	unaccompanied: share,
	pregnant: share,
	health: share,
	trafficking: share,
	destinations: fc.subarray([...PROVINCES]),
	sent: share
});

const manifest = fc.record({
	dest: fc.constantFrom('KH02', 'KH12'),
	women: fc.integer({ min: 1, max: 25 }),
	men: fc.integer({ min: 0, max: 25 }),
	fate: fc.constantFrom('draft', 'cancelled', 'departed', 'arrived'),
	day: fc.integer({ min: 1, max: 15 }),
	received: share
});

const site = fc.record({
	place: fc.integer({ min: 0, max: 1 }),
	capacity: fc.integer({ min: 10, max: 400 }),
	opened: fc.integer({ min: 1, max: 8 }),
	closedAfter: fc.option(fc.integer({ min: 0, max: 15 })),
	counts: fc.array(
		fc.record({
			day: fc.integer({ min: 1, max: 20 }),
			hour: fc.integer({ min: 0, max: 23 }),
			persons: fc.integer({ min: 0, max: 500 })
		}),
		{ maxLength: 4 }
	),
	corrections: fc.array(fc.record({ pick: fc.nat(), persons: fc.integer({ min: 0, max: 500 }) }), {
		maxLength: 2
	}),
	retractions: fc.array(fc.nat(), { maxLength: 2 })
});

const activity = fc.record({
	partner: fc.boolean(),
	pcode: fc.constantFrom('KH020101', 'KH0201', 'KH02', 'KH12'),
	start: fc.integer({ min: 1, max: 22 }),
	targeted: fc.integer({ min: 1, max: 80 }),
	reached: share,
	review: fc.constantFrom('draft', 'submitted', 'validated', 'returned'),
	tarps: fc.integer({ min: 0, max: 40 }),
	blankets: fc.integer({ min: 0, max: 40 }),
	kits: fc.integer({ min: 0, max: 20 })
});

const assessment = fc.record({
	place: fc.integer({ min: 0, max: 1 }),
	day: fc.integer({ min: 1, max: 15 }),
	women: fc.integer({ min: 0, max: 80 }),
	men: fc.integer({ min: 0, max: 80 }),
	displaced: share,
	damaged: fc.integer({ min: 0, max: 30 }),
	duplicate: fc.boolean()
});

export const responsePlan = fc.record({
	tallies: fc.array(tally, { maxLength: 6 }),
	manifests: fc.array(manifest, { maxLength: 4 }),
	sites: fc.array(site, { minLength: 1, maxLength: 3 }),
	activities: fc.array(activity, { maxLength: 6 }),
	assessments: fc.array(assessment, { maxLength: 4 }),
	asOf: fc.integer({ min: 1, max: 25 })
});
export type ResponsePlan = typeof responsePlan extends fc.Arbitrary<infer T> ? T : never;

/** A fresh world holding the plan's records; `asOf` is the report's moment. */
export async function buildResponse(plan: ResponsePlan) {
	const w = await shelterWorld();
	const now = fromCambodiaTime('2020-12-01T12:00');
	const point = (nameEn: string) =>
		transaction(w.db, async (tx) => {
			const [row] = await tx
				.insert(locations)
				.values({ kind: 'border_crossing', nameEn, nameKm: nameEn, lon: 102.56, lat: 13.66 })
				.returning();
			return row.id;
		});
	const points = [await point('Poipet'), await point("O'Smach")];

	for (const t of plan.tallies) {
		const total = t.women + t.men + t.girls + t.old;
		const kids = t.girls;
		const women = t.women + t.girls;
		const per = Math.floor((total * t.sent) / Math.max(1, t.destinations.length));
		await recordTally(
			w.db,
			w.field,
			newTallySchema.parse({
				id: randomUUID(),
				responseId: w.responseId,
				locationId: points[t.point],
				arrivedOn: day(t.day),
				shift: 'morning',
				f_18_59: t.women,
				m_18_59: t.men,
				f_6_17: t.girls,
				m_60: t.old,
				disabled: Math.floor(total * t.disabled),
				unaccompaniedChildren: Math.floor(kids * t.unaccompanied),
				pregnantLactating: Math.floor(women * t.pregnant),
				healthReferrals: Math.floor(total * t.health),
				traffickingReferrals: Math.floor(total * t.trafficking),
				destinations: per > 0 ? t.destinations.map((pcode) => ({ pcode, persons: per })) : []
			})
		);
	}

	for (const m of plan.manifests) {
		const at = (hour: number) =>
			fromCambodiaTime(`${day(m.day)}T${String(hour).padStart(2, '0')}:00`);
		const { row } = await createManifest(
			w.db,
			w.field,
			newManifestSchema.parse({
				id: randomUUID(),
				responseId: w.responseId,
				originLocationId: points[0],
				vehicleKind: 'bus',
				plate: 'PP 2A-1234',
				capacity: 60,
				destProvincePcode: m.dest,
				plannedDeparture: at(8).toISOString(),
				mode: 'headcount',
				headcount: { f_18_59: m.women, m_18_59: m.men }
			})
		);
		if (m.fate === 'draft') continue;
		if (m.fate === 'cancelled') {
			await changeStatus(w.db, w.field, row.id, { status: 'cancelled', at: at(7) }, now);
			continue;
		}
		await changeStatus(w.db, w.field, row.id, { status: 'boarding', at: at(7) }, now);
		await changeStatus(w.db, w.field, row.id, { status: 'departed', at: at(8) }, now);
		if (m.fate === 'arrived') {
			const receivedCount = Math.floor((m.women + m.men) * m.received);
			await confirmArrival(
				w.db,
				w.field,
				row.id,
				{ at: at(20), receivedCount, missingIds: [], missingSeats: [], missingNote: null },
				now
			);
		}
	}

	for (const [i, s] of plan.sites.entries()) {
		const closedOn = s.closedAfter === null ? null : day(s.opened + s.closedAfter);
		const created = await createSite(
			w.db,
			w.coordinator,
			w.responseId,
			siteSample(w.iom, {
				nameEn: `Site ${i + 1}`,
				...PLACES[s.place],
				capacity: s.capacity,
				openedOn: day(s.opened),
				status: closedOn ? 'closed' : 'open',
				closedOn
			})
		);
		const people = (persons: number) => ({
			households: Math.floor(persons / 4),
			f_18_59: persons - Math.floor(persons / 2),
			m_18_59: Math.floor(persons / 2)
		});
		for (const c of s.counts) {
			await addCount(w.db, w.field, created.id, {
				asOf: `${day(c.day)}T${String(c.hour).padStart(2, '0')}:00`,
				...people(c.persons)
			});
		}
		const inForce = async () =>
			(await populationHistory(w.db, created.id)).filter((h) => h.state === 'in_force');
		for (const c of s.corrections) {
			const live = await inForce();
			if (!live.length) break;
			const target = live[c.pick % live.length];
			await correctCount(w.db, w.field, created.id, {
				replaces: target.id,
				reason: 'Recounted',
				asOf: target.asOf.toISOString(),
				...people(c.persons)
			});
		}
		for (const pick of s.retractions) {
			const live = await inForce();
			if (!live.length) break;
			await retractPopulation(w.db, w.coordinator, created.id, {
				retracts: live[pick % live.length].id,
				reason: 'Wrong site'
			});
		}
	}

	for (const a of plan.activities) {
		const actor = a.partner ? w.partner : w.partner2;
		const reached = Math.floor(a.targeted * a.reached);
		const items = [
			{ catalogueId: w.tarp, quantity: a.tarps },
			{ catalogueId: w.blanket, quantity: a.blankets },
			{ catalogueId: w.familyKit, quantity: a.kits }
		].filter((l) => l.quantity > 0);
		const row = await createActivity(
			w.db,
			actor,
			w.responseId,
			activitySample({
				pcode: a.pcode,
				startDate: day(a.start),
				endDate: day(a.start + 2),
				targetedHouseholds: a.targeted,
				targeted_f_18_59: a.targeted * 2,
				targeted_m_18_59: a.targeted * 2,
				reachedHouseholds: reached,
				reached_f_18_59: reached * 2,
				reached_m_18_59: reached,
				items
			}),
			{ submit: a.review !== 'draft' }
		);
		if (a.review === 'validated') {
			await reviewActivity(w.db, w.coordinator, row.id, { move: 'validate' });
		}
		if (a.review === 'returned') {
			await reviewActivity(w.db, w.coordinator, row.id, {
				move: 'return',
				comment: 'Split by commune'
			});
		}
	}

	for (const a of plan.assessments) {
		const { record } = await submitAssessment(
			w.db,
			w.field,
			assessmentSchema.parse(
				sample(w.responseId, {
					id: randomUUID(),
					...PLACES[a.place],
					observedOn: day(a.day),
					affected_f_0_5: 0,
					affected_m_0_5: 0,
					affected_f_18_59: a.women,
					affected_m_18_59: a.men,
					affected_disabled: 0,
					affectedHouseholds: Math.floor((a.women + a.men) / 4),
					displacedPersons: Math.floor((a.women + a.men) * a.displaced),
					displacedHouseholds: 0,
					displacedHhSites: 0,
					displacedHhHost: 0,
					displacedHhRoadside: 0,
					houses: a.damaged,
					housesFlooded: 0,
					housesDamaged: a.damaged,
					housesDestroyed: 0
				})
			)
		);
		if (a.duplicate) await reviewAssessment(w.db, w.coordinator, record.id, 'duplicate');
	}
	return { ...w, asOf: fromCambodiaTime(`${day(plan.asOf)}T18:00`) };
}
