import { beforeEach, describe, expect, it } from 'vitest';
import { first as firstRow } from '$lib/server/db/transaction';
import { and, eq } from 'drizzle-orm';
import { auditLog, shelterPopulation, shelterPopulationRetractions } from '$lib/server/db/schema';
import { retractionSchema } from '$lib/domain/shelter';
import { refused } from '$lib/server/testing';
import {
	createSite,
	getSite,
	listSites,
	populationHistory,
	retractPopulation,
	siteTotals
} from '.';
import {
	addCount,
	correctCount,
	shelterWorld,
	type ShelterWorld,
	siteSample,
	valid
} from './testing';

let w: ShelterWorld;
beforeEach(async () => {
	w = await shelterWorld();
});

const people = (persons: number) => ({
	f_18_59: persons - Math.floor(persons / 2),
	m_18_59: Math.floor(persons / 2)
});

async function siteWithCounts() {
	const site = await createSite(
		w.db,
		w.coordinator,
		w.responseId,
		siteSample(w.iom, { capacity: 1000 })
	);
	const count = (asOf: string, persons: number) =>
		addCount(w.db, w.field, site.id, { asOf, households: 10, ...people(persons) });
	const first = await count('2020-10-12T08:00', 50);
	// 900 typed for 90.
	const wrong = await count('2020-10-14T08:00', 900);
	return { site, first, wrong };
}

const personsNow = async (asOf?: string) =>
	siteTotals(await listSites(w.db, { responseId: w.responseId, asOf })).persons;

describe('correcting and retracting population counts', () => {
	it('replaces a named count with a correction, keeping both in the history with the reason', async () => {
		const { site, first, wrong } = await siteWithCounts();
		expect(await personsNow()).toBe(900);
		const fixed = await correctCount(w.db, w.field, site.id, {
			replaces: wrong.id,
			reason: 'Typed 900 for 90',
			asOf: '2020-10-14T08:00',
			households: 10,
			...people(90)
		});
		expect(await personsNow()).toBe(90);
		expect((await getSite(w.db, site.id))?.occupancy.persons).toBe(90);
		const history = await populationHistory(w.db, site.id);
		expect(history.map((h) => [h.id, h.persons, h.state])).toEqual([
			[fixed.id, 90, 'in_force'],
			[wrong.id, 900, 'replaced'],
			[first.id, 50, 'in_force']
		]);
		expect(history[0]).toMatchObject({ replaces: wrong.id, correctionReason: 'Typed 900 for 90' });
		expect(history[1].replacedBy).toBe(fixed.id);
		// Nothing was edited: the wrong count is still there as it was written.
		expect(
			(
				await firstRow(
					w.db.select().from(shelterPopulation).where(eq(shelterPopulation.id, wrong.id))
				)
			)?.persons
		).toBe(900);
		const audit = await firstRow(
			w.db
				.select()
				.from(auditLog)
				.where(
					and(eq(auditLog.entity, 'shelter_population'), eq(auditLog.entityId, String(fixed.id)))
				)
		);
		expect(audit?.detail).toEqual({ corrects: wrong.id, reason: 'Typed 900 for 90' });
	});

	it('retracts a count: the one before it counts again, and the history says who and why', async () => {
		const { site, first, wrong } = await siteWithCounts();
		await retractPopulation(w.db, w.coordinator, site.id, {
			retracts: wrong.id,
			reason: 'Counted at the wrong site'
		});
		expect(await personsNow()).toBe(50);
		const [retracted, kept] = await populationHistory(w.db, site.id);
		expect(retracted).toMatchObject({ id: wrong.id, state: 'retracted' });
		expect(retracted.retraction).toMatchObject({
			reason: 'Counted at the wrong site',
			by: 'coord@x.org'
		});
		expect(kept).toMatchObject({ id: first.id, state: 'in_force' });
		const audit = await firstRow(
			w.db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.entity, 'shelter_population'), eq(auditLog.action, 'update')))
		);
		expect(audit).toMatchObject({
			entityId: String(wrong.id),
			after: { state: 'retracted' },
			detail: { reason: 'Counted at the wrong site' }
		});
	});

	it('brings the replaced count back when its correction is retracted', async () => {
		const { site, wrong } = await siteWithCounts();
		const fixed = await correctCount(w.db, w.field, site.id, {
			replaces: wrong.id,
			reason: 'Thought it was 90',
			asOf: '2020-10-14T08:00',
			...people(90)
		});
		await retractPopulation(w.db, w.coordinator, site.id, {
			retracts: fixed.id,
			reason: 'It was 900'
		});
		expect(await personsNow()).toBe(900);
		expect((await populationHistory(w.db, site.id)).map((h) => h.state)).toEqual([
			'retracted',
			'in_force',
			'in_force'
		]);
	});

	it('refuses to correct or retract a count no longer in force, another site’s, or without a reason', async () => {
		const { site, wrong } = await siteWithCounts();
		const other = await createSite(w.db, w.coordinator, w.responseId, siteSample(w.iom));
		await correctCount(w.db, w.field, site.id, {
			replaces: wrong.id,
			reason: 'Typo',
			asOf: '2020-10-14T08:00',
			...people(90)
		});
		const before = (await w.db.select().from(shelterPopulation)).length;
		const again = await refused(() =>
			correctCount(w.db, w.field, site.id, {
				replaces: wrong.id,
				reason: 'Typo again',
				asOf: '2020-10-14T08:00',
				...people(95)
			})
		);
		expect(again.status).toBe(409);
		expect(again.fields?.replaces).toMatch(/already corrected or retracted/);
		expect(
			(
				await refused(() =>
					retractPopulation(w.db, w.field, site.id, { retracts: wrong.id, reason: 'x' })
				)
			).status
		).toBe(409);
		expect(
			(
				await refused(() =>
					retractPopulation(w.db, w.field, other.id, { retracts: wrong.id, reason: 'Wrong site' })
				)
			).status
		).toBe(404);
		const blank = await refused(() =>
			retractPopulation(
				w.db,
				w.field,
				site.id,
				valid(retractionSchema, { retracts: wrong.id, reason: '  ' })
			)
		);
		expect(blank.fields?.reason).toBeDefined();
		// A partner of another organisation may not touch IOM's site.
		expect(
			(
				await refused(() =>
					retractPopulation(w.db, w.partner, site.id, { retracts: wrong.id, reason: 'Not mine' })
				)
			).status
		).toBe(403);
		expect(await w.db.select().from(shelterPopulation)).toHaveLength(before);
		expect(await w.db.select().from(shelterPopulationRetractions)).toHaveLength(0);
	});
});

describe('the sites’ population on a day', () => {
	it('counts only sites open that day, by the latest count in force up to its end', async () => {
		const open = await createSite(
			w.db,
			w.coordinator,
			w.responseId,
			siteSample(w.iom, { capacity: 100 })
		);
		const closed = await createSite(
			w.db,
			w.coordinator,
			w.responseId,
			siteSample(w.iom, {
				nameEn: 'Closed school',
				capacity: 300,
				status: 'closed',
				closedOn: '2020-10-20'
			})
		);
		await addCount(w.db, w.field, open.id, { asOf: '2020-10-12T08:00', ...people(40) });
		await addCount(w.db, w.field, open.id, { asOf: '2020-10-15T22:00', ...people(60) });
		await addCount(w.db, w.field, closed.id, { asOf: '2020-10-12T08:00', ...people(200) });
		const on = async (asOf: string) =>
			siteTotals(await listSites(w.db, { responseId: w.responseId, asOf }));
		expect(await on('2020-10-14')).toEqual({
			sites: 2,
			persons: 240,
			households: 0,
			capacity: 400
		});
		// A count at 22:00 in Cambodia is that day's.
		expect((await on('2020-10-15')).persons).toBe(260);
		// Closed on the 20th: from that day on it shelters nobody and has no places.
		expect(await on('2020-10-20')).toEqual({ sites: 1, persons: 60, households: 0, capacity: 100 });
		const listed = await listSites(w.db, { responseId: w.responseId, asOf: '2020-10-20' });
		expect(listed.map((s) => [s.site.nameEn, s.open, s.occupancy.persons])).toEqual([
			['Closed school', false, 0],
			['Wat Kantueu pagoda', true, 60]
		]);
		expect(
			(
				await listSites(w.db, { responseId: w.responseId, asOf: '2020-10-20', status: 'closed' })
			).map((s) => s.site.id)
		).toEqual([closed.id]);
		// Before it opened a site is not open either.
		expect((await on('2020-10-09')).sites).toBe(0);
	});
});
