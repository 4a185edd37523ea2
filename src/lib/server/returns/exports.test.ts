import { beforeEach, describe, expect, it } from 'vitest';
import { newTallySchema, passengerSchema } from '$lib/domain/returns';
import { changeStatus, confirmArrival, createManifest, listTallies, recordTally } from '.';
import { returnsDatasets } from './exports';
import { returnsFigures } from './figures';
import { manifestInput, returnsWorld, tallyInput, type ReturnsWorld } from './testing';

let w: ReturnsWorld;
beforeEach(async () => {
	w = await returnsWorld();
});

const dataset = (name: string) => {
	const d = returnsDatasets.find((x) => x.name === name);
	if (!d) throw new Error(name);
	return d;
};

/** A dataset's rows, read in pages or at hand, as the exports take them. */
type Source = Iterable<unknown> | AsyncIterable<unknown>;
type Rows = (...a: unknown[]) => Source | Promise<Source>;

async function table(
	name: string,
	actor: ReturnsWorld['field'],
	query: Record<string, string> = {}
) {
	const d = dataset(name);
	const cols = d.columns(actor);
	const filters = d.filters.parse({ responseId: String(w.responseId), ...query });
	const rows: unknown[] = [];
	for await (const r of await (d.rows as Rows)(w.db, actor, filters)) rows.push(r);
	return {
		headers: cols.map((c) => c.header),
		hxl: cols.map((c) => c.hxl),
		rows: rows.map((r) =>
			Object.fromEntries(cols.map((c) => [c.header, (c.value as (x: unknown) => unknown)(r)]))
		),
		personal: d.personal?.(actor) ?? false
	};
}

const at = (iso: string) => new Date(iso);
const NOW = at('2014-06-30T12:00:00+07:00');

async function fixture() {
	await recordTally(
		w.db,
		w.field,
		newTallySchema.parse(tallyInput(w, { arrivedOn: '2014-06-12' }))
	);
	await recordTally(
		w.db,
		w.partner,
		newTallySchema.parse(tallyInput(w, { arrivedOn: '2014-06-14', locationId: w.osmach }))
	);
	const names = [
		{ name: 'Sok Dara', sex: 'm', age: 30, phone: '012 111 222' },
		{ name: 'Chan Bopha', sex: 'f', age: 25 }
	].map((p) => passengerSchema.parse(p));
	const own = (
		await createManifest(
			w.db,
			w.field,
			manifestInput(w, { mode: 'named', headcount: undefined, passengers: names })
		)
	).row;
	const other = (
		await createManifest(
			w.db,
			w.partner,
			manifestInput(w, { mode: 'named', headcount: undefined, passengers: names.slice(0, 1) })
		)
	).row;
	const bus = (await createManifest(w.db, w.field, manifestInput(w))).row;
	await changeStatus(
		w.db,
		w.field,
		bus.id,
		{ status: 'boarding', at: at('2014-06-12T08:00:00+07:00') },
		NOW
	);
	await changeStatus(
		w.db,
		w.field,
		bus.id,
		{ status: 'departed', at: at('2014-06-12T09:00:00+07:00') },
		NOW
	);
	await confirmArrival(
		w.db,
		w.field,
		bus.id,
		{
			at: at('2014-06-14T10:00:00+07:00'),
			receivedCount: 39,
			missingIds: [],
			missingSeats: [],
			missingNote: null
		},
		NOW
	);
	return { own, other, bus };
}

describe('returns datasets', () => {
	it('exports arrivals with HXL tags and one row per tally', async () => {
		await fixture();
		const t = await table('arrivals', w.viewer);
		expect(t.rows).toHaveLength(2);
		expect(t.hxl).toContain('#date+occurred');
		expect(t.hxl).toContain('#affected+returnees+ind+f+age0_5');
		expect(t.hxl).toContain('#affected+returnees+ind+m+age60');
		expect(t.rows[0]).toMatchObject({
			'Arrived on': '2014-06-12',
			'Crossing point': 'Poipet',
			'Arrived persons': 100,
			'Arrived male 18-59': 35
		});
		expect(t.personal).toBe(false);
	});

	it('lists the counts of one place and days newest first, and exports the same counts', async () => {
		const add = async (arrivedOn: string, shift: 'morning' | 'night', locationId = w.poipet) =>
			(
				await recordTally(
					w.db,
					w.field,
					newTallySchema.parse(tallyInput(w, { arrivedOn, shift, locationId }))
				)
			).row.id;
		const night = await add('2014-06-13', 'night');
		const morning = await add('2014-06-13', 'morning');
		const earlier = await add('2014-06-12', 'night');
		await add('2014-06-11', 'morning');
		await add('2014-06-13', 'morning', w.osmach);
		const filter = { locationId: w.poipet, from: '2014-06-12', to: '2014-06-13' };
		const page = (await listTallies(w.db, w.responseId, filter)).rows.map((r) => r.id);
		// The night comes after the morning of its day, whatever order they were typed in.
		expect(page).toEqual([night, morning, earlier]);
		const file = (
			await table('arrivals', w.field, {
				locationId: String(w.poipet),
				from: '2014-06-12',
				to: '2014-06-13'
			})
		).rows.map((r) => r['Tally ID']);
		expect([...file].sort()).toEqual([...page].sort());
	});

	it('exports manifests with their load and what arrived', async () => {
		const { bus } = await fixture();
		const { rows } = await table('manifests', w.viewer);
		expect(rows).toHaveLength(3);
		expect(rows.find((r) => r['Manifest code'] === bus.code)).toMatchObject({
			Status: 'arrived',
			'Dispatched persons': 40,
			'Received persons': 39
		});
	});

	it('applies the manifests page filters: status, destination province, departure days', async () => {
		const { bus } = await fixture();
		const prey = (
			await createManifest(w.db, w.field, manifestInput(w, { destProvincePcode: 'KH14' }))
		).row;
		const codes = async (query: Record<string, string>) =>
			(await table('manifests', w.viewer, query)).rows.map((r) => r['Manifest code']);
		expect(await codes({ pcode: 'KH14' })).toEqual([prey.code]);
		expect(await codes({ status: 'arrived' })).toEqual([bus.code]);
		expect(await codes({ from: '2014-06-12', to: '2014-06-12' })).toEqual([bus.code]);
		expect(await codes({ from: '2014-06-13' })).toEqual([]);
	});

	it('gives names only of the manifests the actor may see, and none to others', async () => {
		await fixture();
		const coordinator = await table('passengers', w.coordinator);
		expect(coordinator.personal).toBe(true);
		expect(coordinator.rows.map((r) => r.Name)).toEqual(['Sok Dara', 'Chan Bopha', 'Sok Dara']);
		// The manifests page's filters carry over: the passengers of the manifests it lists.
		expect((await table('passengers', w.coordinator, { status: 'draft' })).rows).toHaveLength(3);
		expect((await table('passengers', w.coordinator, { status: 'arrived' })).rows).toEqual([]);
		expect((await table('passengers', w.coordinator, { pcode: 'KH14' })).rows).toEqual([]);
		const field = await table('passengers', w.field);
		expect(field.rows.map((r) => r.Name)).toEqual(['Sok Dara', 'Chan Bopha']);
		expect(field.rows[0]).toMatchObject({ Phone: '012 111 222', Sex: 'm', Age: 30 });
		const partner = await table('passengers', w.partner);
		expect(partner.rows.map((r) => r.Name)).toEqual(['Sok Dara']);
		const viewer = await table('passengers', w.viewer);
		expect(viewer.personal).toBe(false);
		expect(viewer.headers).not.toContain('Name');
		expect(viewer.headers).not.toContain('Phone');
		expect(viewer.rows).toEqual([]);
	});
});

describe('returns key figures', () => {
	it('reads the dashboard and the reconciliation as of the report’s day', async () => {
		await fixture();
		const figures = async (iso: string) =>
			Object.fromEntries(
				(await returnsFigures.compute(w.db, w.responseId, at(iso)))
					.filter((f) => !f.cell || f.cell.table.key !== 'returns.sadd')
					.map((f) => [f.key, f.value])
			);
		const [poipet, osmach] = [w.poipet, w.osmach];
		expect(await figures('2014-06-13T12:00:00+07:00')).toEqual({
			'returns.crossed': 100,
			'returns.dispatched': 40,
			// The reconciliation follows each day's trips to the end: the bus of the 12th arrived.
			'returns.arrived': 39,
			'returns.vulnerable.disabled': 2,
			'returns.vulnerable.unaccompanied': 1,
			'returns.vulnerable.pregnant': 4,
			'returns.referrals.health': 3,
			'returns.referrals.trafficking': 1,
			[`returns.by-point.${poipet}.crossed`]: 100,
			[`returns.by-point-day.2014-06-12.${poipet}`]: 100,
			'returns.by-destination.KH03.crossed': 60,
			'returns.by-destination.KH03.dispatched': 40,
			'returns.by-destination.KH03.arrived': 39,
			'returns.by-destination.KH14.crossed': 30,
			'returns.by-destination.KH14.dispatched': 0,
			'returns.by-destination.KH14.arrived': 0,
			// 100 crossed, 90 with a destination: the rest are counted, as not recorded.
			'returns.by-destination.not-recorded.crossed': 10,
			'returns.by-destination.not-recorded.dispatched': 0,
			'returns.by-destination.not-recorded.arrived': 0
		});
		const later = await figures('2014-06-20T12:00:00+07:00');
		expect(later['returns.crossed']).toBe(200);
		expect(later[`returns.by-point.${osmach}.crossed`]).toBe(100);
		expect(later[`returns.by-point-day.2014-06-14.${osmach}`]).toBe(100);
		const all = await returnsFigures.compute(w.db, w.responseId, at('2014-06-20T12:00:00+07:00'));
		expect(all.every((x) => x.section === 'returns' && x.labelKm && x.source.dataset)).toBe(true);
		// Sex and age: the tallies' cells summed, female and male by age band.
		const sadd = all.filter((f) => f.cell?.table.key === 'returns.sadd');
		expect(sadd.map((f) => [f.cell?.row.key, f.cell?.column.key, f.value])).toEqual([
			['0_5', 'f', 10],
			['0_5', 'm', 10],
			['6_17', 'f', 20],
			['6_17', 'm', 20],
			['18_59', 'f', 60],
			['18_59', 'm', 70],
			['60', 'f', 6],
			['60', 'm', 4]
		]);
	});
});
