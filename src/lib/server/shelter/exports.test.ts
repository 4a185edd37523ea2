import { beforeEach, describe, expect, it } from 'vitest';
import {
	createActivity,
	createSite,
	populationHistory,
	retractPopulation,
	reviewActivity
} from '.';
import {
	activitiesDataset,
	populationDataset,
	shelterDatasets,
	sitesDataset,
	type PopulationExportRow
} from './exports';
import { shelterFigures } from './figures';
import {
	activitySample,
	addCount,
	correctCount,
	shelterWorld,
	type ShelterWorld,
	siteSample
} from './testing';

let w: ShelterWorld;
beforeEach(async () => {
	w = await shelterWorld();
});

async function fixture() {
	const site = await createSite(w.db, w.coordinator, w.responseId, siteSample(w.iom));
	await addCount(w.db, w.field, site.id, {
		asOf: '2020-10-12T08:00',
		households: 10,
		f_18_59: 20,
		m_18_59: 20
	});
	await addCount(w.db, w.field, site.id, {
		asOf: '2020-10-20T08:00',
		households: 20,
		f_18_59: 50,
		m_18_59: 40
	});
	const validated = await createActivity(
		w.db,
		w.partner,
		w.responseId,
		activitySample({
			implementingPartnerId: w.pin,
			donor: 'ECHO',
			startDate: '2020-10-15',
			items: [
				{ catalogueId: w.familyKit, quantity: 10 },
				{ catalogueId: w.tarp, quantity: 5 }
			]
		}),
		{ submit: true }
	);
	await reviewActivity(w.db, w.coordinator, validated.id, { move: 'validate' });
	const draft = await createActivity(
		w.db,
		w.partner,
		w.responseId,
		activitySample({ startDate: '2020-10-16' })
	);
	const late = await createActivity(
		w.db,
		w.partner2,
		w.responseId,
		activitySample({ startDate: '2020-11-02', endDate: null }),
		{
			submit: true
		}
	);
	await reviewActivity(w.db, w.coordinator, late.id, { move: 'validate' });
	return { site, validated, draft, late };
}

/** Every row a dataset gives, read as an export reads them (page after page). */
async function collect<Row>(
	source: Iterable<Row> | AsyncIterable<Row> | Promise<Iterable<Row> | AsyncIterable<Row>>
): Promise<Row[]> {
	const out: Row[] = [];
	for await (const row of await source) out.push(row);
	return out;
}

describe('shelter datasets', () => {
	it('are named as the export routes expect', () => {
		expect(shelterDatasets.map((d) => d.name)).toEqual(['sites', 'site-population', 'activities']);
	});

	it('exports sites with their current occupancy and HXL tags', async () => {
		const { site } = await fixture();
		const d = sitesDataset;
		const rows = await collect(
			d.rows(w.db, w.viewer, d.filters.parse({ responseId: String(w.responseId) }))
		);
		expect(rows).toHaveLength(1);
		const cols = d.columns(w.viewer);
		const value = (hxl: string) => cols.find((c) => c.hxl === hxl)?.value(rows[0]);
		expect(value('#loc+id')).toBe(site.id);
		expect(value('#adm1+code')).toBe('KH02');
		expect(value('#population+ind')).toBe(90);
		expect(value('#indicator+below_sphere')).toBe(true);
		expect(d.point?.(rows[0])).toEqual([103.2, 13.1]);
		expect(new Set(cols.map((c) => c.hxl)).size).toBe(cols.length);
	});

	it('applies the sites page filters, occupancy ones included', async () => {
		await fixture();
		await createSite(
			w.db,
			w.coordinator,
			w.responseId,
			siteSample(w.iom, { nameEn: 'School', kind: 'collective_centre' })
		);
		const d = sitesDataset;
		const names = async (filters: Record<string, string>) =>
			(
				await collect(
					d.rows(w.db, w.viewer, d.filters.parse({ responseId: String(w.responseId), ...filters }))
				)
			)
				.map((r) => r.nameEn)
				.sort();
		expect(await names({})).toEqual(['School', 'Wat Kantueu pagoda']);
		expect(await names({ kind: 'collective_centre' })).toEqual(['School']);
		expect(await names({ belowSphere: '1' })).toEqual(['Wat Kantueu pagoda']);
		expect(await names({ band: 'empty' })).toEqual(['School']);
		expect(() => d.filters.parse({ responseId: String(w.responseId), kind: 'palace' })).toThrow();
	});

	it('exports the population updates of the sites the list shows, up to its day', async () => {
		const { site } = await fixture();
		const full = await createSite(
			w.db,
			w.coordinator,
			w.responseId,
			siteSample(w.iom, { nameEn: 'Full' })
		);
		await addCount(w.db, w.field, full.id, { asOf: '2020-10-13T08:00', f_18_59: 60, m_18_59: 60 });
		const d = populationDataset;
		const cols = d.columns(w.viewer);
		const rows = async (filters: Record<string, string>) =>
			(await collect(d.rows(w.db, w.viewer, d.filters.parse(filters)))).map((r) => [
				cols.find((c) => c.hxl === '#loc+id')?.value(r),
				cols.find((c) => c.hxl === '#population+ind')?.value(r)
			]);
		const response = { responseId: String(w.responseId) };
		expect(await rows(response)).toEqual([
			[site.id, 40],
			[site.id, 90],
			[full.id, 120]
		]);
		// Occupancy "over": only the over-full site's updates, not every row of the response.
		expect(await rows({ ...response, band: 'over' })).toEqual([[full.id, 120]]);
		// As of the 15th: the updates made by then.
		expect(await rows({ ...response, asOf: '2020-10-15' })).toEqual([
			[site.id, 40],
			[full.id, 120]
		]);
		// Without a response, every update of every response.
		expect(await rows({})).toHaveLength(3);
	});

	it('says of each update whether it counts, and what corrected or retracted it', async () => {
		const { site } = await fixture();
		const [latest] = await populationHistory(w.db, site.id);
		const fixed = await correctCount(w.db, w.field, site.id, {
			replaces: latest.id,
			reason: 'Double counted',
			asOf: '2020-10-20T08:00',
			households: 18,
			f_18_59: 45,
			m_18_59: 40
		});
		await retractPopulation(w.db, w.coordinator, site.id, {
			retracts: fixed.id,
			reason: 'Was right'
		});
		const d = populationDataset;
		const cols = d.columns(w.viewer);
		const record = (r: PopulationExportRow) =>
			Object.fromEntries(
				cols
					.filter((c) =>
						[
							'Update ID',
							'Replaces update ID',
							'Correction reason',
							'Retracted',
							'Retraction reason',
							'In force'
						].includes(c.header)
					)
					.map((c) => [c.header, c.value(r)])
			);
		const rows = await collect(
			d.rows(w.db, w.viewer, d.filters.parse({ responseId: String(w.responseId) }))
		);
		expect(rows.map(record)).toEqual([
			{
				'Update ID': rows[0].id,
				'Replaces update ID': null,
				'Correction reason': null,
				Retracted: false,
				'Retraction reason': null,
				'In force': true
			},
			{
				'Update ID': latest.id,
				'Replaces update ID': null,
				'Correction reason': null,
				Retracted: false,
				'Retraction reason': null,
				'In force': true
			},
			{
				'Update ID': fixed.id,
				'Replaces update ID': latest.id,
				'Correction reason': 'Double counted',
				Retracted: true,
				'Retraction reason': 'Was right',
				'In force': false
			}
		]);
	});

	it('exports the 4W rows each person may see, with partner, donor and items', async () => {
		const { validated, draft, late } = await fixture();
		const d = activitiesDataset;
		const ids = async (actor: typeof w.viewer, filters = {}) =>
			(
				await collect(
					d.rows(w.db, actor, d.filters.parse({ responseId: String(w.responseId), ...filters }))
				)
			).map((r) => r.id);
		expect(await ids(w.viewer)).toEqual([validated.id, late.id]);
		// Validated rows unless another review state is asked for, as on the 4W page.
		expect(await ids(w.partner)).toEqual([validated.id, late.id]);
		expect(await ids(w.partner, { reviewState: 'all' })).toEqual([validated.id, draft.id, late.id]);
		expect(await ids(w.partner2, { reviewState: 'all' })).toEqual([validated.id, late.id]);
		expect(await ids(w.coordinator, { month: '2020-11' })).toEqual([late.id]);
		expect(await ids(w.coordinator, { to: '2020-10-31' })).toEqual([validated.id]);
		const [row] = await collect(d.rows(w.db, w.viewer, d.filters.parse({})));
		const cols = d.columns(w.viewer);
		const value = (hxl: string) => cols.find((c) => c.hxl === hxl)?.value(row);
		expect(value('#org+prog')).toBe('CRC');
		expect(value('#org+impl')).toBe('PIN');
		expect(value('#org+funder')).toBe('ECHO');
		expect(value('#adm1+code')).toBe('KH02');
		expect(value('#reached+hh')).toBe(20);
		expect(value('#reached+ind+f')).toBe(35);
		expect(value('#date+start')).toBe('2020-10-15');
		expect(value('#status')).toBe('completed');
		expect(value('#item+code+provided')).toBe('FAMILY×10; TARP×5');
	});
});

describe('shelter key figures', () => {
	it('counts only what stood on the day: open sites, latest counts, validated rows started', async () => {
		await fixture();
		const at = async (iso: string) =>
			Object.fromEntries(
				(await shelterFigures.compute(w.db, w.responseId, new Date(iso))).map((f) => [
					f.key,
					f.value
				])
			);
		const none = {
			'shelter.sites': 0,
			'shelter.persons': 0,
			'shelter.households': 0,
			'shelter.capacity': 0,
			'shelter.reached.households': 0,
			'shelter.reached.persons': 0,
			// Every item with a standard has its row, distributed or not.
			'shelter.nfi.BLANKET.distributed': 0,
			'shelter.nfi.BLANKET.needed': 0,
			'shelter.nfi.TARP.distributed': 0,
			'shelter.nfi.TARP.needed': 0
		};
		expect(await at('2020-10-09T12:00:00Z')).toEqual(none);
		expect(await at('2020-10-16T12:00:00Z')).toEqual({
			'shelter.sites': 1,
			'shelter.persons': 40,
			'shelter.households': 10,
			'shelter.capacity': 100,
			'shelter.reached.households': 20,
			'shelter.reached.persons': 60,
			// 10 family kits of 1 tarpaulin and 2 blankets, and 5 tarpaulins.
			'shelter.nfi.BLANKET.distributed': 20,
			'shelter.nfi.TARP.distributed': 15,
			// Needed by the standard in Battambang, for the 40 people and 10 households in the site.
			'shelter.nfi.BLANKET.needed': 40,
			'shelter.nfi.TARP.needed': 20
		});
		const later = await at('2020-11-05T12:00:00Z');
		expect(later['shelter.persons']).toBe(90);
		expect(later['shelter.reached.households']).toBe(40);
		const figure = (
			await shelterFigures.compute(w.db, w.responseId, new Date('2020-11-05T12:00:00Z'))
		).find((f) => f.key === 'shelter.reached.households');
		expect(figure?.source).toEqual({
			dataset: 'activities',
			filters: { responseId: String(w.responseId), reviewState: 'validated', to: '2020-11-05' }
		});
	});
});
