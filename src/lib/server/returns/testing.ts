/**
 * A small world for mass-return tests: organisations, people, the 2014 response, two crossing
 * points, a transit centre and a warehouse.
 */
import { randomUUID } from 'node:crypto';
import { locations, responses } from '$lib/server/db/schema';
import { testDb } from '$lib/server/testing';
import type { NewManifest, NewManifestInput, NewTallyInput } from '$lib/domain/returns';
import { newManifestSchema } from '$lib/domain/returns';

export async function returnsWorld() {
	const { db, org, user } = await testDb();
	const iom = await org('IOM');
	const crc = await org('CRC');
	const field = await user('field@x.org', 'field', iom);
	const partner = await user('partner@x.org', 'partner', crc);
	const coordinator = await user('coord@x.org', 'coordinator', iom);
	const viewer = await user('viewer@x.org', 'viewer', crc);
	const [{ id: responseId }] = await db
		.insert(responses)
		.values({ name: 'Return', kind: 'mass_return', startDate: '2014-06-07', endDate: '2014-07-31' })
		.returning({ id: responses.id });
	const point = async (
		nameEn: string,
		kind: 'border_crossing' | 'transit_centre' | 'warehouse'
	) => {
		const [{ id }] = await db
			.insert(locations)
			.values({ kind, nameEn, nameKm: nameEn, lon: 102.56, lat: 13.66 })
			.returning({ id: locations.id });
		return id;
	};
	const poipet = await point('Poipet', 'border_crossing');
	const osmach = await point("O'Smach", 'border_crossing');
	const transit = await point('Poipet Transit Centre', 'transit_centre');
	const warehouse = await point('Store', 'warehouse');
	return {
		db,
		iom,
		crc,
		field,
		partner,
		coordinator,
		viewer,
		responseId,
		poipet,
		osmach,
		transit,
		warehouse
	};
}
export type ReturnsWorld = Awaited<ReturnType<typeof returnsWorld>>;

/** A new tally's input, with a fresh client id unless `over` gives one. */
export function tallyInput(w: ReturnsWorld, over: Partial<NewTallyInput> = {}): NewTallyInput {
	return {
		id: randomUUID(),
		responseId: w.responseId,
		locationId: w.poipet,
		arrivedOn: '2014-06-12',
		shift: 'morning',
		f_0_5: 5,
		m_0_5: 5,
		f_6_17: 10,
		m_6_17: 10,
		f_18_59: 30,
		m_18_59: 35,
		f_60: 3,
		m_60: 2,
		disabled: 2,
		unaccompaniedChildren: 1,
		pregnantLactating: 4,
		healthReferrals: 3,
		traffickingReferrals: 1,
		destinations: [
			{ pcode: 'KH03', persons: 60 },
			{ pcode: 'KH14', persons: 30 }
		],
		...over
	};
}

export function manifestInput(w: ReturnsWorld, over: Partial<NewManifestInput> = {}): NewManifest {
	return newManifestSchema.parse({
		id: randomUUID(),
		responseId: w.responseId,
		originLocationId: w.poipet,
		vehicleKind: 'bus',
		plate: 'PP 2A-1234',
		capacity: 45,
		driverName: 'Sok Dara',
		driverPhone: '+855 12 345 678',
		destProvincePcode: 'KH03',
		plannedDeparture: '2014-06-12T08:00:00+07:00',
		mode: 'headcount',
		headcount: { f_18_59: 20, m_18_59: 20 },
		...over
	});
}
