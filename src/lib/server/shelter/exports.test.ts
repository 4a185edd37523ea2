import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { addPopulation, createActivity, createSite, reviewActivity } from '.';
import { activitiesDataset, populationDataset, shelterDatasets, sitesDataset } from './exports';
import { shelterFigures } from './figures';
import { activitySample, shelterWorld, siteSample } from './testing';

let w: ReturnType<typeof shelterWorld>;
beforeEach(() => {
	w = shelterWorld();
});

function fixture() {
	const site = createSite(w.db, w.coordinator, w.responseId, siteSample(w.iom));
	addPopulation(w.db, w.field, site.id, {
		id: randomUUID(),
		asOf: '2020-10-12T08:00',
		households: 10,
		f_18_59: 20,
		m_18_59: 20
	});
	addPopulation(w.db, w.field, site.id, {
		id: randomUUID(),
		asOf: '2020-10-20T08:00',
		households: 20,
		f_18_59: 50,
		m_18_59: 40
	});
	const validated = createActivity(
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
	reviewActivity(w.db, w.coordinator, validated.id, { move: 'validate' });
	const draft = createActivity(
		w.db,
		w.partner,
		w.responseId,
		activitySample({ startDate: '2020-10-16' })
	);
	const late = createActivity(
		w.db,
		w.partner2,
		w.responseId,
		activitySample({ startDate: '2020-11-02', endDate: null }),
		{
			submit: true
		}
	);
	reviewActivity(w.db, w.coordinator, late.id, { move: 'validate' });
	return { site, validated, draft, late };
}

describe('shelter datasets', () => {
	it('are named as the export routes expect', () => {
		expect(shelterDatasets.map((d) => d.name)).toEqual(['sites', 'site-population', 'activities']);
	});

	it('exports sites with their current occupancy and HXL tags', () => {
		const { site } = fixture();
		const d = sitesDataset;
		const rows = [...d.rows(w.db, w.viewer, d.filters.parse({ responseId: String(w.responseId) }))];
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

	it('applies the sites page filters, occupancy ones included', () => {
		fixture();
		createSite(
			w.db,
			w.coordinator,
			w.responseId,
			siteSample(w.iom, { nameEn: 'School', kind: 'collective_centre' })
		);
		const d = sitesDataset;
		const names = (filters: Record<string, string>) =>
			[...d.rows(w.db, w.viewer, d.filters.parse({ responseId: String(w.responseId), ...filters }))]
				.map((r) => r.nameEn)
				.sort();
		expect(names({})).toEqual(['School', 'Wat Kantueu pagoda']);
		expect(names({ kind: 'collective_centre' })).toEqual(['School']);
		expect(names({ belowSphere: '1' })).toEqual(['Wat Kantueu pagoda']);
		expect(names({ band: 'empty' })).toEqual(['School']);
		expect(() => d.filters.parse({ responseId: String(w.responseId), kind: 'palace' })).toThrow();
	});

	it('exports every population update, oldest first', () => {
		fixture();
		const d = populationDataset;
		const rows = [...d.rows(w.db, w.viewer, d.filters.parse({}))];
		const persons = d.columns(w.viewer).find((c) => c.hxl === '#population+ind');
		expect(rows.map((r) => persons?.value(r))).toEqual([40, 90]);
	});

	it('exports the 4W rows each person may see, with partner, donor and items', () => {
		const { validated, draft, late } = fixture();
		const d = activitiesDataset;
		const ids = (actor: typeof w.viewer, filters = {}) =>
			[
				...d.rows(w.db, actor, d.filters.parse({ responseId: String(w.responseId), ...filters }))
			].map((r) => r.id);
		expect(ids(w.viewer)).toEqual([validated.id, late.id]);
		expect(ids(w.partner)).toEqual([validated.id, draft.id, late.id]);
		expect(ids(w.partner2)).toEqual([validated.id, late.id]);
		expect(ids(w.coordinator, { month: '2020-11' })).toEqual([late.id]);
		const [row] = [...d.rows(w.db, w.viewer, d.filters.parse({}))];
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
	it('counts only what stood at the time: open sites, latest counts, validated rows started', () => {
		fixture();
		const at = (iso: string) =>
			Object.fromEntries(
				shelterFigures(w.db, w.responseId, new Date(iso)).map((f) => [f.key, f.value])
			);
		expect(at('2020-10-09T12:00:00Z')).toEqual({
			'shelter.sites.open': 0,
			'shelter.sites.persons': 0,
			'shelter.sites.households': 0,
			'shelter.reached.households': 0,
			'shelter.reached.persons': 0
		});
		expect(at('2020-10-16T12:00:00Z')).toEqual({
			'shelter.sites.open': 1,
			'shelter.sites.persons': 40,
			'shelter.sites.households': 10,
			'shelter.reached.households': 20,
			'shelter.reached.persons': 60,
			// 10 family kits of 1 tarpaulin and 2 blankets, and 5 tarpaulins.
			'shelter.nfi.BLANKET': 20,
			'shelter.nfi.TARP': 15
		});
		const later = at('2020-11-05T12:00:00Z');
		expect(later['shelter.sites.persons']).toBe(90);
		expect(later['shelter.reached.households']).toBe(40);
		const figure = shelterFigures(w.db, w.responseId, new Date('2020-11-05T12:00:00Z')).find(
			(f) => f.key === 'shelter.reached.households'
		);
		expect(figure?.source).toEqual({
			dataset: 'activities',
			filters: { responseId: String(w.responseId), reviewState: 'validated' }
		});
	});
});
