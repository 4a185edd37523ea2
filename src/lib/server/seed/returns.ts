/**
 * Demo data for the June 2014 mass return: daily arrival counts at Poipet as reported
 * (7–10 June together 5,988; 11 June 7,536; 12 June 16,508; 13 June 37,744; about 180,000 by
 * 20 June) and about 46,000 through the other points, split into shifts with SADD and
 * destination provinces, and some 900 manifests in every state, a tenth with named passengers.
 * Rows are written directly in a few batched inserts so that seeding stays fast.
 */
import { addDays, fromCambodiaTime } from '$lib/domain/dates';
import { emptyPeople, peopleColumns, totalPeople, type PeopleCount } from '$lib/domain/people';
import {
	peopleOfPassengers,
	SHIFTS,
	type ManifestStatus,
	type PassengerFlag,
	type VehicleKind
} from '$lib/domain/returns';
import type { RootDb } from '$lib/server/db';
import { transaction } from '$lib/server/db/transaction';
import {
	arrivalDayDestinations,
	arrivalTallies,
	manifestPassengers,
	manifests,
	tallyDestinations
} from '$lib/server/db/schema';
import type { SeedContext } from './foundation';
import { rng } from './random';

type Random = () => number;

/** Poipet's daily arrivals, 7–25 June 2014. */
const POIPET_DAILY: Record<string, number> = {
	'2014-06-07': 800,
	'2014-06-08': 1_200,
	'2014-06-09': 1_588,
	'2014-06-10': 2_400,
	'2014-06-11': 7_536,
	'2014-06-12': 16_508,
	'2014-06-13': 37_744,
	'2014-06-14': 30_000,
	'2014-06-15': 25_000,
	'2014-06-16': 18_000,
	'2014-06-17': 14_000,
	'2014-06-18': 11_000,
	'2014-06-19': 8_224,
	'2014-06-20': 6_000,
	'2014-06-21': 3_000,
	'2014-06-22': 2_000,
	'2014-06-23': 1_200,
	'2014-06-24': 800,
	'2014-06-25': 500
};

/** The other points' totals over 10–25 June, about 46,000 together. */
const OTHER_POINTS: Record<string, number> = {
	osmach: 18_000,
	chamyeam: 10_000,
	daung: 9_000,
	prum: 5_000,
	malai: 2_500,
	choam: 1_500
};

/** Home provinces of the returnees, with rough weights. */
export const DESTINATIONS: [string, number][] = [
	['KH01', 14],
	['KH02', 12],
	['KH03', 14],
	['KH14', 12],
	['KH20', 6],
	['KH21', 8],
	['KH17', 9],
	['KH06', 6],
	['KH22', 5],
	['KH15', 4],
	['KH05', 4],
	['KH24', 3],
	['KH25', 3]
];

/** Mostly working-age men, as in 2014; children came with their mothers. */
const CELL_WEIGHTS: [keyof PeopleCount, number][] = [
	['m_18_59', 52],
	['f_18_59', 30],
	['m_6_17', 4],
	['f_6_17', 4],
	['m_0_5', 3.5],
	['f_0_5', 3.5],
	['m_60', 1.5],
	['f_60', 1.5]
];

/** Splits `total` by weights, jittered, so the parts add up exactly. */
function splitByWeights<K>(r: Random, total: number, weights: [K, number][]): [K, number][] {
	const jittered = weights.map(([k, w]) => [k, w * (0.75 + r() * 0.5)] as [K, number]);
	const sum = jittered.reduce((s, [, w]) => s + w, 0);
	const parts = jittered.map(([k, w]) => [k, Math.floor((total * w) / sum)] as [K, number]);
	let rest = total - parts.reduce((s, [, n]) => s + n, 0);
	for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i][1] += 1;
	return parts;
}

function randomPeople(r: Random, total: number): PeopleCount {
	const c = emptyPeople();
	for (const [k, n] of splitByWeights(r, total, CELL_WEIGHTS)) c[k] = n;
	c.disabled = Math.floor(total * 0.01 * r());
	return c;
}

/** One tally row with its vulnerable groups and destination lines, valid by the domain's rules. */
export function tallyRow(r: Random, total: number) {
	const people = randomPeople(r, total);
	const kids = people.f_0_5 + people.m_0_5 + people.f_6_17 + people.m_6_17;
	const women = people.f_6_17 + people.f_18_59 + people.f_60;
	const known = Math.floor(total * (0.9 + r() * 0.1));
	return {
		row: {
			...peopleColumns(people),
			persons: totalPeople(people),
			unaccompaniedChildren: Math.floor(kids * 0.03 * r()),
			pregnantLactating: Math.floor(women * 0.05 * r()),
			healthReferrals: Math.floor(total * 0.02 * r()),
			traffickingReferrals: Math.floor(total * 0.004 * r())
		},
		destinations: splitByWeights(r, known, DESTINATIONS).filter(([, n]) => n > 0)
	};
}

const FAMILY = [
	'Sok',
	'Chan',
	'Kim',
	'Heng',
	'Meas',
	'Chea',
	'Keo',
	'Ly',
	'Ouk',
	'Prak',
	'Seng',
	'Touch',
	'Nhem',
	'Pich',
	'Vong',
	'Mao',
	'Lim',
	'Yim',
	'Sam',
	'Phan'
];
const GIVEN_F = [
	'Sophea',
	'Bopha',
	'Channa',
	'Sreymom',
	'Srey Leak',
	'Chenda',
	'Kunthea',
	'Maly',
	'Sokunthea',
	'Dalin',
	'Nary',
	'Thida'
];
const GIVEN_M = [
	'Dara',
	'Vanna',
	'Sokha',
	'Rithy',
	'Piseth',
	'Kosal',
	'Vuthy',
	'Sovann',
	'Phalla',
	'Veasna',
	'Sothea',
	'Ratha'
];

export function passengerRows(r: Random, n: number, district: string | null) {
	const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
	return Array.from({ length: n }, () => {
		const sex = r() < 0.35 ? ('f' as const) : ('m' as const);
		const age = r() < 0.12 ? Math.floor(r() * 17) : 18 + Math.floor(r() * 40);
		const flags: PassengerFlag[] = [];
		if (r() < 0.01) flags.push('disabled');
		if (sex === 'f' && age >= 18 && r() < 0.05) flags.push('pregnant_lactating');
		if (r() < 0.01) flags.push('medical');
		return {
			name: `${pick(FAMILY)} ${pick(sex === 'f' ? GIVEN_F : GIVEN_M)}`,
			sex,
			age,
			destPcode: district,
			phone:
				r() < 0.6
					? `0${pick(['12', '15', '16', '17', '77', '89', '92'])} ${100 + Math.floor(r() * 900)} ${100 + Math.floor(r() * 900)}`
					: null,
			flags
		};
	});
}

const VEHICLES: [VehicleKind, number][] = [
	['military_truck', 60],
	['bus', 45],
	['truck', 50],
	['van', 15]
];

const at = (day: string, hour: number) =>
	new Date(fromCambodiaTime(`${day}T00:00`).getTime() + hour * 3_600_000);

export async function seedReturns(db: RootDb, ctx: SeedContext): Promise<void> {
	const r = rng(2014);
	const responseId = ctx.responses.massReturn;
	const iom = ctx.organisations.IOM;
	const crc = ctx.organisations.CRC;
	const tallies: { locationId: number; arrivedOn: string; total: number }[] = [];
	for (const [day, total] of Object.entries(POIPET_DAILY)) {
		tallies.push({ locationId: ctx.locations.poipet, arrivedOn: day, total });
	}
	const days = Object.keys(POIPET_DAILY).slice(3);
	const curve = days.map((d) => POIPET_DAILY[d]);
	for (const [key, total] of Object.entries(OTHER_POINTS)) {
		const split = splitByWeights(
			r,
			total,
			days.map((d, i) => [d, curve[i]] as [string, number])
		);
		for (const [day, n] of split)
			if (n) tallies.push({ locationId: ctx.locations[key], arrivedOn: day, total: n });
	}

	// People crossing per province and day, to size the manifests that follow.
	const crossed = new Map<string, number>();
	await transaction(db, async (tx) => {
		for (const t of tallies) {
			const shifts = t.total > 10_000 ? 4 : t.total > 1_000 ? 3 : 2;
			for (const [shift, n] of splitByWeights(
				r,
				t.total,
				SHIFTS.slice(0, shifts).map((s) => [s, 1] as [typeof s, number])
			)) {
				if (!n) continue;
				const { row, destinations } = tallyRow(r, n);
				const byIom = r() < 0.7;
				const [inserted] = await tx
					.insert(arrivalTallies)
					.values({
						responseId,
						locationId: t.locationId,
						arrivedOn: t.arrivedOn,
						shift,
						...row,
						organisationId: byIom ? iom : crc,
						recordedBy: byIom ? ctx.users.field : ctx.users.partner
					})
					.returning({ id: arrivalTallies.id });
				await tx.insert(tallyDestinations).values(
					destinations.map(([pcode, persons]) => ({
						tallyId: inserted.id,
						responseId,
						arrivedOn: t.arrivedOn,
						provincePcode: pcode,
						persons
					}))
				);
				for (const [pcode, persons] of destinations) {
					const key = `${pcode}|${t.arrivedOn}`;
					crossed.set(key, (crossed.get(key) ?? 0) + persons);
				}
			}
		}
		const summary = [...crossed].map(([key, persons]) => {
			const [provincePcode, arrivedOn] = key.split('|');
			return { responseId, provincePcode, arrivedOn, persons };
		});
		for (let i = 0; i < summary.length; i += 500)
			await tx.insert(arrivalDayDestinations).values(summary.slice(i, i + 500));
	});

	// About one in six of those crossing leave on a recorded manifest, the same or the next day.
	let seq = 0;
	const rows: (typeof manifests.$inferInsert)[] = [];
	const named: { index: number; passengers: ReturnType<typeof passengerRows> }[] = [];
	const lastDay = '2014-06-25';
	for (const [key, persons] of [...crossed.entries()].sort()) {
		const [pcode, day] = key.split('|');
		let toSend = Math.floor(persons / 6);
		while (toSend > 20) {
			const [vehicleKind, capacity] = VEHICLES[Math.floor(r() * VEHICLES.length)];
			const load = Math.min(toSend, capacity - Math.floor(r() * 6));
			toSend -= load;
			seq += 1;
			const leaveDay = r() < 0.6 ? day : addDays(day, 1);
			const u = r();
			const status: ManifestStatus =
				leaveDay > lastDay || u < 0.03
					? 'draft'
					: u < 0.06
						? 'boarding'
						: u < 0.08
							? 'cancelled'
							: u < 0.2
								? 'departed'
								: 'arrived';
			const isNamed = vehicleKind !== 'military_truck' && r() < 0.15;
			const planned = at(leaveDay, 6 + Math.floor(r() * 14));
			const boarding =
				status === 'draft' || (status === 'cancelled' && r() < 0.5)
					? null
					: new Date(planned.getTime() - 3_600_000);
			const departed = status === 'departed' || status === 'arrived' ? planned : null;
			const arrived =
				status === 'arrived' && departed
					? new Date(departed.getTime() + (4 + r() * 8) * 3_600_000)
					: null;
			const passengers = isNamed ? passengerRows(r, load, null) : [];
			const people = isNamed ? peopleOfPassengers(passengers) : randomPeople(r, load);
			const missing = status === 'arrived' && r() < 0.1 ? 1 + Math.floor(r() * 3) : 0;
			const byIom = r() < 0.8;
			rows.push({
				code: `RT-2014-${String(seq).padStart(4, '0')}`,
				responseId,
				originLocationId: ctx.locations['poipet-tc'],
				vehicleKind,
				plate:
					vehicleKind === 'military_truck' ? `RCAF ${1000 + seq}` : `BMC 2A-${String(1000 + seq)}`,
				capacity,
				driverName: `${FAMILY[seq % FAMILY.length]} ${GIVEN_M[seq % GIVEN_M.length]}`,
				driverPhone: `012 ${String(200 + (seq % 700))} ${String(100 + (seq % 900))}`,
				operatorOrganisationId: vehicleKind === 'military_truck' ? ctx.organisations.NCDM : iom,
				destProvincePcode: pcode,
				plannedDeparture: planned,
				mode: isNamed ? 'named' : 'headcount',
				status,
				boardingAt: boarding,
				departedAt: departed,
				departedOn: departed ? leaveDay : null,
				arrivedAt: arrived,
				cancelledAt: status === 'cancelled' ? planned : null,
				...peopleColumns(people),
				passengers: totalPeople(people),
				receivedCount: status === 'arrived' ? Math.max(0, totalPeople(people) - missing) : null,
				missingNote: missing ? `${missing} left the vehicle on the way` : null,
				organisationId: byIom ? iom : crc,
				createdBy: byIom ? ctx.users.field : ctx.users.partner
			});
			if (isNamed) named.push({ index: rows.length - 1, passengers });
		}
	}
	await transaction(db, async (tx) => {
		const ids: number[] = [];
		for (let i = 0; i < rows.length; i += 200) {
			const batch = await tx
				.insert(manifests)
				.values(rows.slice(i, i + 200))
				.returning({ id: manifests.id });
			ids.push(...batch.map((x) => x.id));
		}
		const list = named.flatMap(({ index, passengers }) => {
			const row = rows[index];
			const missing =
				row.status === 'arrived' ? (row.passengers ?? 0) - (row.receivedCount ?? 0) : 0;
			return passengers.map((p, position) => ({
				...p,
				manifestId: ids[index],
				position,
				arrived: row.status === 'arrived' ? position >= missing : null
			}));
		});
		for (let i = 0; i < list.length; i += 500)
			await tx.insert(manifestPassengers).values(list.slice(i, i + 500));
	});
}
