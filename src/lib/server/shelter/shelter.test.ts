import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { assessmentSchema } from '$lib/domain/assessments';
import { matrixFilterSchema, reviewSchema } from '$lib/domain/shelter';
import {
	auditLog,
	shelterActivities,
	shelterPopulation,
	shelterSites
} from '$lib/server/db/schema';
import { sample } from '$lib/server/assessments/testing';
import { submitAssessment } from '$lib/server/assessments';
import {
	createActivity,
	createSite,
	gapsByArea,
	getActivity,
	getSite,
	listSites,
	matrixByArea,
	matrixRows,
	matrixTotals,
	reportingOrganisations,
	reviewActivity,
	updateActivity,
	updateSite
} from '.';
import {
	activitySample,
	addCount,
	postPopulation,
	shelterWorld,
	type ShelterWorld,
	siteSample,
	valid
} from './testing';
import { refused } from '$lib/server/testing';

let w: ShelterWorld;
beforeEach(async () => {
	w = await shelterWorld();
});

const people = (persons: number) => ({
	f_18_59: persons - Math.floor(persons / 2),
	m_18_59: Math.floor(persons / 2)
});

describe('shelter sites', () => {
	it('finds the P-code from the point and audits the creation', async () => {
		const site = await createSite(w.db, w.coordinator, w.responseId, siteSample(w.crc));
		expect(site).toMatchObject({
			pcode: 'KH020101',
			provincePcode: 'KH02',
			districtPcode: 'KH0201'
		});
		expect(
			await w.db.select().from(auditLog).where(eq(auditLog.entity, 'shelter_sites'))
		).toHaveLength(1);
	});

	it('refuses a zero capacity, a negative area, a point outside Cambodia and closing before opening', async () => {
		const e = await refused(() =>
			createSite(
				w.db,
				w.coordinator,
				w.responseId,
				siteSample(w.crc, {
					capacity: 0,
					coveredAreaM2: -5,
					lon: 100.5,
					lat: 13.7,
					status: 'closed',
					closedOn: '2020-10-01'
				})
			)
		);
		expect(Object.keys(e.fields ?? {}).sort()).toEqual([
			'capacity',
			'closedOn',
			'coveredAreaM2',
			'lat',
			'lon'
		]);
		expect(e.fields?.capacity).toBe('Must be more than zero.');
		expect(await w.db.select().from(shelterSites)).toHaveLength(0);
	});

	it('refuses a point inside the box but outside every province, and an unknown P-code', async () => {
		const outside = await refused(() =>
			createSite(w.db, w.coordinator, w.responseId, siteSample(w.crc, { lon: 102.5, lat: 10.2 }))
		);
		expect(outside.fields?.lon).toMatch(/outside/);
		const unknown = await refused(() =>
			createSite(w.db, w.coordinator, w.responseId, siteSample(w.crc, { pcode: 'KH020199' }))
		);
		expect(unknown.fields?.pcode).toBe('Unknown P-code.');
	});

	it('lets a partner manage only sites of their own organisation', async () => {
		expect(
			(await refused(() => createSite(w.db, w.partner, w.responseId, siteSample(w.iom)))).status
		).toBe(403);
		const own = await createSite(w.db, w.partner, w.responseId, siteSample(w.crc));
		const site = await createSite(w.db, w.coordinator, w.responseId, siteSample(w.iom));
		expect(
			(await refused(() => updateSite(w.db, w.partner, site.id, siteSample(w.iom)))).status
		).toBe(403);
		expect(
			(await updateSite(w.db, w.partner, own.id, siteSample(w.crc, { capacity: 120 }))).capacity
		).toBe(120);
	});
});

describe('population and occupancy', () => {
	it('takes the latest update by time as the current occupancy, with the Sphere flag', async () => {
		const site = await createSite(w.db, w.coordinator, w.responseId, siteSample(w.iom));
		await postPopulation(w.db, w.field, site.id, {
			id: randomUUID(),
			asOf: '2020-10-12T08:00',
			households: 12,
			...people(50)
		});
		await postPopulation(w.db, w.field, site.id, {
			id: randomUUID(),
			asOf: '2020-10-14T08:00',
			households: 20,
			...people(90)
		});
		// An earlier count arriving late does not replace the newer one.
		await postPopulation(w.db, w.field, site.id, {
			id: randomUUID(),
			asOf: '2020-10-13T08:00',
			households: 15,
			...people(70)
		});
		const detail = await getSite(w.db, site.id);
		expect(detail?.history).toHaveLength(3);
		expect(detail?.occupancy).toEqual({
			persons: 90,
			households: 20,
			capacity: 100,
			ratio: 0.9,
			m2PerPerson: 3.33,
			belowSphere: true,
			overCapacity: false
		});
		const [listed] = await listSites(w.db, { responseId: w.responseId });
		expect(listed.occupancy.persons).toBe(90);
		expect(listed.band).toBe('full');
		expect(await listSites(w.db, { responseId: w.responseId, belowSphere: true })).toHaveLength(1);
	});

	it('does not flag exactly 3.5 m² a person, and counts an empty site as empty', async () => {
		const site = await createSite(
			w.db,
			w.coordinator,
			w.responseId,
			siteSample(w.iom, { coveredAreaM2: 350 })
		);
		expect((await getSite(w.db, site.id))?.occupancy).toMatchObject({
			persons: 0,
			m2PerPerson: null,
			belowSphere: false
		});
		await postPopulation(w.db, w.field, site.id, {
			id: randomUUID(),
			asOf: '2020-10-12T08:00',
			households: 30,
			...people(100)
		});
		expect((await getSite(w.db, site.id))?.occupancy).toMatchObject({
			m2PerPerson: 3.5,
			belowSphere: false
		});
		await postPopulation(w.db, w.field, site.id, {
			id: randomUUID(),
			asOf: '2020-10-13T08:00',
			households: 30,
			...people(101)
		});
		expect((await getSite(w.db, site.id))?.occupancy).toMatchObject({
			belowSphere: true,
			overCapacity: true
		});
	});

	it('refuses more households than persons and disabled above the total, saving nothing', async () => {
		const site = await createSite(w.db, w.coordinator, w.responseId, siteSample(w.iom));
		const e = await refused(() =>
			postPopulation(w.db, w.field, site.id, {
				id: randomUUID(),
				asOf: '2020-10-12T08:00',
				households: 9,
				f_18_59: 5,
				disabled: 6
			})
		);
		expect(Object.keys(e.fields ?? {}).sort()).toEqual(['disabled', 'households']);
		expect(await w.db.select().from(shelterPopulation)).toHaveLength(0);
	});
});

describe('4W activities', () => {
	it('refuses reached above targeted without a note, end before start and an unknown P-code', async () => {
		const e = await refused(() =>
			createActivity(
				w.db,
				w.partner,
				w.responseId,
				activitySample({ reachedHouseholds: 40, endDate: '2020-10-01', reached_f_18_59: 80 })
			)
		);
		expect(Object.keys(e.fields ?? {}).sort()).toEqual([
			'endDate',
			'reachedHouseholds',
			'reached_f_18_59'
		]);
		const pcode = await refused(() =>
			createActivity(w.db, w.partner, w.responseId, activitySample({ pcode: 'KH029999' }))
		);
		expect(pcode.fields?.pcode).toBe('Unknown P-code.');
		const ok = await createActivity(
			w.db,
			w.partner,
			w.responseId,
			activitySample({ reachedHouseholds: 40, note: 'Neighbouring households came too.' })
		);
		expect(ok).toMatchObject({
			reachedHouseholds: 40,
			organisationId: w.crc,
			reviewState: 'draft'
		});
		expect(await w.db.select().from(shelterActivities)).toHaveLength(1);
	});

	it('refuses a partner reporting for another organisation', async () => {
		const e = await refused(() =>
			createActivity(w.db, w.partner, w.responseId, activitySample({ organisationId: w.pin }))
		);
		expect(e.status).toBe(403);
		const byCoordinator = await createActivity(
			w.db,
			w.coordinator,
			w.responseId,
			activitySample({ organisationId: w.pin })
		);
		expect(byCoordinator.organisationId).toBe(w.pin);
	});

	it('takes its P-code from a site, and keeps item lines', async () => {
		const site = await createSite(w.db, w.coordinator, w.responseId, siteSample(w.crc));
		const row = await createActivity(
			w.db,
			w.partner,
			w.responseId,
			activitySample({
				pcode: '',
				siteId: site.id,
				items: [{ catalogueId: w.familyKit, quantity: 10 }]
			})
		);
		expect(await getActivity(w.db, row.id)).toMatchObject({
			pcode: 'KH020101',
			districtPcode: 'KH0201',
			items: [{ catalogueId: w.familyKit, quantity: 10 }]
		});
	});
});

describe('the review workflow', () => {
	it('goes draft → submitted → returned → submitted → validated → reopened, each step audited', async () => {
		const row = await createActivity(w.db, w.partner, w.responseId, activitySample());
		expect(
			(await refused(() => updateActivity(w.db, w.partner2, row.id, activitySample()))).status
		).toBe(403);
		await reviewActivity(w.db, w.partner, row.id, { move: 'submit' });
		const locked = await refused(() =>
			updateActivity(w.db, w.partner, row.id, activitySample({ targetedHouseholds: 31 }))
		);
		expect(locked).toMatchObject({ status: 409 });
		expect(locked.message).toContain('Submitted');
		expect(
			(await refused(() => reviewActivity(w.db, w.partner, row.id, { move: 'validate' }))).status
		).toBe(403);
		expect(
			(
				await refused(() =>
					reviewActivity(w.db, w.coordinator, row.id, valid(reviewSchema, { move: 'return' }))
				)
			).fields?.comment
		).toBe('Say what needs fixing.');
		const returned = await reviewActivity(w.db, w.coordinator, row.id, {
			move: 'return',
			comment: 'Add the district.'
		});
		expect(returned).toMatchObject({ reviewState: 'returned', reviewComment: 'Add the district.' });
		await updateActivity(w.db, w.partner, row.id, activitySample({ targetedHouseholds: 35 }), {
			submit: true
		});
		const validated = await reviewActivity(w.db, w.coordinator, row.id, { move: 'validate' });
		expect(validated).toMatchObject({ reviewState: 'validated', targetedHouseholds: 35 });
		for (const actor of [w.partner, w.coordinator]) {
			expect(
				(await refused(() => updateActivity(w.db, actor, row.id, activitySample()))).status
			).toBe(409);
		}
		expect(
			(
				await refused(() =>
					reviewActivity(w.db, w.partner, row.id, { move: 'reopen', comment: 'x' })
				)
			).status
		).toBe(403);
		expect(
			(
				await reviewActivity(w.db, w.coordinator, row.id, {
					move: 'reopen',
					comment: 'Numbers changed.'
				})
			).reviewState
		).toBe('returned');
		const audit = await w.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.entity, 'shelter_activities'));
		expect(audit.map((e) => (e.detail as { move?: string } | null)?.move ?? e.action)).toEqual([
			'create',
			'submit',
			'return',
			'update',
			'validate',
			'reopen'
		]);
	});

	it('shows others only validated rows, partners their own in any state too', async () => {
		const mine = await createActivity(w.db, w.partner, w.responseId, activitySample());
		const theirs = await createActivity(w.db, w.partner2, w.responseId, activitySample());
		await reviewActivity(w.db, w.partner2, theirs.id, { move: 'submit' });
		await reviewActivity(w.db, w.coordinator, theirs.id, { move: 'validate' });
		await createActivity(w.db, w.partner2, w.responseId, activitySample());
		const f = { responseId: w.responseId, reviewState: 'all' as const };
		expect(await matrixRows(w.db, w.coordinator, f)).toHaveLength(3);
		expect((await matrixRows(w.db, w.partner, f)).map((r) => r.id).sort()).toEqual(
			[mine.id, theirs.id].sort()
		);
		expect((await matrixRows(w.db, w.viewer, f)).map((r) => r.id)).toEqual([theirs.id]);
		// The filter's organisations, by the same rule; one query per kind of reader serves
		// every reader of that kind with their own organisation.
		const ids = async (actor: typeof w.partner) =>
			(await reportingOrganisations(w.db, actor, w.responseId)).map((o) => o.id).sort();
		const both = [w.partner.organisationId, w.pin].sort();
		expect(await ids(w.coordinator)).toEqual(both);
		expect(await ids(w.partner)).toEqual(both);
		expect(await ids(w.partner2)).toEqual([w.pin]);
		expect(await ids(w.viewer)).toEqual([w.pin]);
		expect(await reportingOrganisations(w.db, w.viewer, w.responseId + 1000)).toEqual([]);
	});
});

describe('the matrix and gaps', () => {
	async function fixture() {
		const site = await createSite(w.db, w.coordinator, w.responseId, siteSample(w.iom));
		await postPopulation(w.db, w.field, site.id, {
			id: randomUUID(),
			asOf: '2020-10-12T08:00',
			households: 10,
			...people(40)
		});
		// 40 households and 117 persons affected in the commune.
		await submitAssessment(w.db, w.field, assessmentSchema.parse(sample(w.responseId)));
		const validated = await createActivity(
			w.db,
			w.partner,
			w.responseId,
			activitySample({
				items: [
					{ catalogueId: w.familyKit, quantity: 10 },
					{ catalogueId: w.tarp, quantity: 5 }
				]
			}),
			{ submit: true }
		);
		await reviewActivity(w.db, w.coordinator, validated.id, { move: 'validate' });
		await createActivity(
			w.db,
			w.partner2,
			w.responseId,
			activitySample({
				pcode: 'KH02',
				startDate: '2020-11-02',
				endDate: null,
				status: 'ongoing',
				reachedHouseholds: 5,
				reached_f_18_59: 10,
				reached_m_18_59: 0
			})
		);
	}

	it('totals exactly the rows listed, under every filter', async () => {
		await fixture();
		const all = { responseId: w.responseId, reviewState: 'all' as const };
		for (const f of [
			all,
			{ ...all, month: '2020-10' },
			{ ...all, month: '2020-11' },
			{ ...all, organisationId: w.pin },
			{ ...all, area: 'KH0201' },
			{ ...all, status: 'ongoing' as const },
			{ ...all, to: '2020-10-31' },
			{ responseId: w.responseId, reviewState: 'validated' as const },
			{ responseId: w.responseId, reviewState: 'draft' as const }
		]) {
			const rows = await matrixRows(w.db, w.coordinator, f, { limit: 1000, offset: 0 });
			const totals = await matrixTotals(w.db, w.coordinator, f);
			expect(totals.activities).toBe(rows.length);
			expect(totals.reachedHouseholds).toBe(rows.reduce((s, r) => s + r.reachedHouseholds, 0));
			expect(totals.reachedPersons).toBe(rows.reduce((s, r) => s + r.reachedPersons, 0));
		}
		expect(await matrixTotals(w.db, w.coordinator, { ...all, month: '2020-10' })).toMatchObject({
			activities: 1,
			reachedHouseholds: 20,
			reachedPersons: 60
		});
		expect(await matrixByArea(w.db, w.coordinator, all, 'province')).toEqual([
			{ pcode: 'KH02', activities: 2, reachedHouseholds: 25, reachedPersons: 70 }
		]);
		expect(await matrixByArea(w.db, w.viewer, all, 'district')).toEqual([
			{ pcode: 'KH0201', activities: 1, reachedHouseholds: 20, reachedPersons: 60 }
		]);
		// The default counts validated rows only: the coordinator's draft is left out.
		const validated = matrixFilterSchema.parse({ responseId: w.responseId });
		expect(validated.reviewState).toBe('validated');
		expect(await matrixTotals(w.db, w.coordinator, validated)).toMatchObject({
			activities: 1,
			reachedHouseholds: 20
		});
		// Started by 31 October: the row starting on 2 November is not counted yet.
		expect((await matrixTotals(w.db, w.coordinator, { ...all, to: '2020-10-31' })).activities).toBe(
			1
		);
	});

	it('computes people and NFI gaps per district with kits counted as their items', async () => {
		await fixture();
		const gaps = await gapsByArea(
			w.db,
			w.coordinator,
			{ responseId: w.responseId, reviewState: 'all' },
			'district'
		);
		const [gap] = gaps.rows;
		expect(gap).toMatchObject({
			pcode: 'KH0201',
			nameEn: 'Banan',
			sitePersons: 40,
			siteHouseholds: 10,
			assessedPersons: 117,
			assessedHouseholds: 40,
			inNeedPersons: 117,
			inNeedHouseholds: 40,
			reachedPersons: 60,
			reachedHouseholds: 20,
			gapPersons: 57,
			gapHouseholds: 20
		});
		// The columns are the items with a standard by code; each cell is keyed by its item, so a
		// cell can never sit under another item's column whatever order the catalogue was made in.
		expect(gaps.items.map((i) => i.code)).toEqual(['BLANKET', 'TARP']);
		// Tarpaulins: 2 a household × 40 = 80 needed; 10 kits × 1 + 5 = 15 given.
		// Blankets: 1 a person × 117 = 117 needed; 10 kits × 2 = 20 given.
		expect(gap.items).toEqual({
			BLANKET: { needed: 117, distributed: 20, gap: 97 },
			TARP: { needed: 80, distributed: 15, gap: 65 }
		});
	});

	it('counts the people of sites open on the as-of day, by their latest count in force', async () => {
		await fixture();
		const closed = await createSite(
			w.db,
			w.coordinator,
			w.responseId,
			siteSample(w.iom, { status: 'closed', closedOn: '2020-10-20', nameEn: 'Closed school' })
		);
		await addCount(w.db, w.field, closed.id, { asOf: '2020-10-14T08:00', ...people(30) });
		const on = async (asOf: string) =>
			(
				await gapsByArea(
					w.db,
					w.coordinator,
					{ responseId: w.responseId, reviewState: 'all', asOf },
					'district'
				)
			).rows[0].sitePersons;
		// Both open on the 15th; only the first after the second closed on the 20th.
		expect(await on('2020-10-15')).toBe(70);
		expect(await on('2020-10-20')).toBe(40);
		// Before any count, nobody: the count of the 12th is not yet made on the 11th.
		expect(await on('2020-10-11')).toBe(0);
	});
});
