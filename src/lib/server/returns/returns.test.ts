import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { peopleOf } from '$lib/domain/people';
import {
	headcountSchema,
	passengerSchema,
	returnLocationSchema,
	newTallySchema,
	tallySchema,
	type PassengerInput,
	type NewTallyInput as TallyInput
} from '$lib/domain/returns';
import {
	arrivalTallies,
	auditLog,
	manifests,
	organisations,
	tallyDestinations
} from '$lib/server/db/schema';
import {
	addPassengers,
	arrivalTotals,
	changeStatus,
	confirmArrival,
	createManifest,
	getManifest,
	getTally,
	listReturnLocations,
	saveReturnLocation,
	reconAttention,
	reconciliation,
	reconManifests,
	recordTally,
	updateManifest,
	signedManifestCode,
	updateTally,
	verifyManifestCode
} from '.';
import { manifestInput, returnsWorld, tallyInput, type ReturnsWorld } from './testing';
import { refusal } from '$lib/server/testing';

let w: ReturnsWorld;
beforeEach(() => {
	w = returnsWorld();
});

const tally = (over: Partial<TallyInput> = {}, actor = w.field) =>
	recordTally(w.db, actor, newTallySchema.parse(tallyInput(w, over))).row;

const at = (iso: string) => new Date(iso);
const NOW = at('2014-06-20T12:00:00+07:00');

const passengers = (n: number): PassengerInput[] =>
	Array.from({ length: n }, (_, i) => ({
		name: `Passenger ${i + 1}`,
		sex: i % 2 ? 'm' : 'f',
		age: i % 3 ? 30 : 4,
		phone: '012 345 678',
		flags: i === 0 ? ['disabled'] : []
	}));

const count = (table: typeof manifests | typeof arrivalTallies) =>
	w.db.select().from(table).all().length;

describe('arrival tallies', () => {
	it('stores the total and destinations, and shifts of a day add up', () => {
		const first = tally();
		expect(first.persons).toBe(100);
		tally({ shift: 'afternoon', f_18_59: 40, destinations: [{ pcode: 'KH03', persons: 50 }] });
		tally({ arrivedOn: '2014-06-13' });
		const day = arrivalTotals(w.db, w.responseId, { from: '2014-06-12', to: '2014-06-12' });
		expect(day.persons).toBe(210);
		expect(day.people.f_18_59).toBe(70);
		expect(day.traffickingReferrals).toBe(2);
		expect(arrivalTotals(w.db, w.responseId).persons).toBe(310);
		expect(w.db.select().from(auditLog).all()).toHaveLength(3);
	});

	it('records a correction as an edit in the audit log, replacing the destinations', () => {
		const row = tally();
		updateTally(
			w.db,
			w.field,
			row.id,
			tallySchema.parse(
				tallyInput(w, { m_18_59: 36, destinations: [{ pcode: 'KH17', persons: 10 }] })
			)
		);
		const after = getTally(w.db, row.id)!;
		expect(after.persons).toBe(101);
		expect(after.destinations).toEqual([{ pcode: 'KH17', persons: 10 }]);
		const audit = w.db.select().from(auditLog).where(eq(auditLog.action, 'update')).get()!;
		expect(audit.before).toMatchObject({ m_18_59: 35, persons: 100 });
		expect(audit.after).toMatchObject({ m_18_59: 36, persons: 101 });
	});

	it('lets only the own organisation or a coordinator correct a tally', () => {
		const row = tally();
		const input = newTallySchema.parse(tallyInput(w));
		expect(refusal(() => updateTally(w.db, w.partner, row.id, input)).status).toBe(403);
		expect(updateTally(w.db, w.coordinator, row.id, input).id).toBe(row.id);
		expect(refusal(() => recordTally(w.db, w.viewer, input).row).status).toBe(403);
	});

	it('refuses bad counts at the field concerned', () => {
		const issues = (over: Partial<TallyInput>) => {
			const r = tallySchema.safeParse(tallyInput(w, over));
			return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
		};
		expect(issues({ f_0_5: -1 })).toEqual(['f_0_5']);
		expect(issues({ f_0_5: 1.5 })).toEqual(['f_0_5']);
		expect(issues({ disabled: 101 })).toEqual(['disabled']);
		expect(issues({ unaccompaniedChildren: 31 })).toEqual(['unaccompaniedChildren']);
		expect(issues({ pregnantLactating: 44 })).toEqual(['pregnantLactating']);
		expect(issues({ traffickingReferrals: 101 })).toEqual(['traffickingReferrals']);
		expect(issues({ destinations: [{ pcode: 'KH03', persons: 101 }] })).toEqual(['destinations']);
		expect(issues({ destinations: [{ pcode: 'KH0301', persons: 1 }] })).toEqual([
			'destinations.0.pcode'
		]);
		expect(issues({ arrivedOn: '2999-01-01' })).toEqual(['arrivedOn']);
	});

	it('refuses a day outside the response, a place that is not a crossing, writing nothing', () => {
		expect(refusal(() => tally({ arrivedOn: '2014-06-01' })).fields).toHaveProperty('arrivedOn');
		expect(refusal(() => tally({ arrivedOn: '2014-08-01' })).fields).toHaveProperty('arrivedOn');
		expect(refusal(() => tally({ locationId: w.warehouse })).fields).toHaveProperty('locationId');
		expect(
			refusal(() => tally({ destinations: [{ pcode: 'KH99', persons: 1 }] })).fields
		).toHaveProperty('destinations.0.pcode');
		expect(count(arrivalTallies)).toBe(0);
		expect(w.db.select().from(tallyDestinations).all()).toHaveLength(0);
		expect(w.db.select().from(auditLog).all()).toHaveLength(0);
	});
});

describe('manifests', () => {
	it('goes draft → boarding → departed → arrived with times, and nothing after', () => {
		const m = createManifest(w.db, w.field, manifestInput(w)).row;
		expect(m).toMatchObject({ status: 'draft', passengers: 40 });
		changeStatus(
			w.db,
			w.field,
			m.id,
			{ status: 'boarding', at: at('2014-06-12T07:30:00+07:00') },
			NOW
		);
		const gone = changeStatus(
			w.db,
			w.field,
			m.id,
			{ status: 'departed', at: at('2014-06-12T23:30:00+07:00') },
			NOW
		);
		expect(gone.departedOn).toBe('2014-06-12');
		const home = confirmArrival(
			w.db,
			w.partner,
			m.id,
			{
				at: at('2014-06-13T09:00:00+07:00'),
				receivedCount: 38,
				missingIds: [],
				missingSeats: [],
				missingNote: '2 left at Sisophon'
			},
			NOW
		);
		expect(home).toMatchObject({ status: 'arrived', receivedCount: 38 });
		expect(
			refusal(() => changeStatus(w.db, w.field, m.id, { status: 'cancelled' }, NOW)).fields
		).toHaveProperty('status');
		expect(w.db.select().from(auditLog).all()).toHaveLength(4);
	});

	it('refuses skipped steps, arriving before departing and any change to a cancelled manifest', () => {
		const m = createManifest(w.db, w.field, manifestInput(w)).row;
		expect(
			refusal(() => changeStatus(w.db, w.field, m.id, { status: 'departed' }, NOW)).fields
		).toHaveProperty('status');
		expect(
			refusal(() => changeStatus(w.db, w.field, m.id, { status: 'arrived' }, NOW)).fields
		).toHaveProperty('status');
		changeStatus(
			w.db,
			w.field,
			m.id,
			{ status: 'boarding', at: at('2014-06-12T08:00:00+07:00') },
			NOW
		);
		changeStatus(
			w.db,
			w.field,
			m.id,
			{ status: 'departed', at: at('2014-06-12T10:00:00+07:00') },
			NOW
		);
		const early = refusal(() =>
			confirmArrival(
				w.db,
				w.field,
				m.id,
				{
					at: at('2014-06-12T09:00:00+07:00'),
					missingIds: [],
					missingSeats: [],
					missingNote: null
				},
				NOW
			)
		);
		expect(early.fields).toHaveProperty('at');
		expect(
			refusal(() => changeStatus(w.db, w.field, m.id, { status: 'boarding' }, NOW)).fields
		).toHaveProperty('status');
		const c = createManifest(w.db, w.field, manifestInput(w)).row;
		changeStatus(w.db, w.field, c.id, { status: 'cancelled' }, NOW);
		expect(
			refusal(() => changeStatus(w.db, w.field, c.id, { status: 'boarding' }, NOW)).message
		).toContain('cancelled');
		expect(
			refusal(() =>
				updateManifest(
					w.db,
					w.field,
					c.id,
					manifestInput(w),
					peopleOf(headcountSchema.parse({ f_0_5: 1 }))
				)
			).message
		).toContain('cancelled');
		expect(w.db.select().from(manifests).where(eq(manifests.id, c.id)).get()!.status).toBe(
			'cancelled'
		);
	});

	it('refuses a move in the future or before the response began', () => {
		const m = createManifest(w.db, w.field, manifestInput(w)).row;
		expect(
			refusal(() =>
				changeStatus(
					w.db,
					w.field,
					m.id,
					{ status: 'boarding', at: at('2014-06-21T08:00:00+07:00') },
					NOW
				)
			).fields
		).toHaveProperty('at');
		expect(
			refusal(() =>
				changeStatus(
					w.db,
					w.field,
					m.id,
					{ status: 'boarding', at: at('2014-06-01T08:00:00+07:00') },
					NOW
				)
			).fields
		).toHaveProperty('at');
	});

	it('corrects the vehicle and headcount while loading, within the seats, audited', () => {
		const mf = createManifest(w.db, w.field, manifestInput(w)).row;
		const edited = updateManifest(
			w.db,
			w.field,
			mf.id,
			manifestInput(w, { plate: 'PP 3B-0001', capacity: 60 }),
			peopleOf(headcountSchema.parse({ m_18_59: 55 }))
		);
		expect(edited).toMatchObject({ plate: 'PP 3B-0001', passengers: 55, m_18_59: 55, f_18_59: 0 });
		const over = refusal(() =>
			updateManifest(w.db, w.field, mf.id, manifestInput(w, { capacity: 50 }))
		);
		expect(over.fields).toHaveProperty('capacity');
		expect(refusal(() => updateManifest(w.db, w.partner, mf.id, manifestInput(w))).status).toBe(
			403
		);
		const audit = w.db.select().from(auditLog).where(eq(auditLog.action, 'update')).all();
		expect(audit).toHaveLength(1);
		expect(audit[0].after).toMatchObject({ plate: 'PP 3B-0001', passengers: 55 });
	});

	it('never carries more than the vehicle holds', () => {
		const over = refusal(
			() => createManifest(w.db, w.field, manifestInput(w, { capacity: 30 })).row
		);
		expect(over.fields).toHaveProperty('headcount');
		const named = createManifest(
			w.db,
			w.field,
			manifestInput(w, {
				mode: 'named',
				capacity: 4,
				headcount: undefined,
				passengers: passengers(3).map((p) => passengerSchema.parse(p))
			})
		).row;
		expect(named.passengers).toBe(3);
		expect(named.f_0_5).toBe(1);
		expect(named.disabled).toBe(1);
		expect(
			refusal(() =>
				addPassengers(
					w.db,
					w.field,
					named.id,
					passengers(2).map((p) => passengerSchema.parse(p))
				)
			).fields
		).toHaveProperty('name');
		expect(
			addPassengers(
				w.db,
				w.field,
				named.id,
				passengers(1).map((p) => passengerSchema.parse(p))
			)
		).toBe(4);
		expect(count(manifests)).toBe(1);
	});

	it("refuses a passenger's destination that is not a known place, at its field", () => {
		const named = createManifest(
			w.db,
			w.field,
			manifestInput(w, { mode: 'named', headcount: undefined, passengers: [] })
		).row;
		const add = (destPcode: string) =>
			addPassengers(w.db, w.field, named.id, [
				passengerSchema.parse({ ...passengers(1)[0], destPcode })
			]);
		expect(refusal(() => add('KH9999')).fields).toHaveProperty('destPcode');
		expect(add('KH02')).toBe(1);
		const listed = refusal(() =>
			createManifest(
				w.db,
				w.field,
				manifestInput(w, {
					mode: 'named',
					headcount: undefined,
					passengers: [{ ...passengers(1)[0], destPcode: 'KH9999' }].map((p) =>
						passengerSchema.parse(p)
					)
				})
			)
		);
		expect(listed.fields).toHaveProperty(['passengers.0.destPcode']);
	});

	it('shows names only to the own organisation and coordinators, and logs who saw them', () => {
		const named = createManifest(
			w.db,
			w.field,
			manifestInput(w, {
				mode: 'named',
				headcount: undefined,
				passengers: passengers(3).map((p) => passengerSchema.parse(p))
			})
		).row;
		const other = getManifest(w.db, w.partner, named.id)!;
		expect(other.names).toBe(false);
		expect(other.passengerList).toEqual([]);
		expect(other.passengers).toBe(3);
		const own = getManifest(w.db, w.field, named.id)!;
		expect(own.passengerList.map((p) => p.name)).toEqual([
			'Passenger 1',
			'Passenger 2',
			'Passenger 3'
		]);
		expect(getManifest(w.db, w.coordinator, named.id)!.names).toBe(true);
		// The page reloads after each step: the same viewing, one entry per person.
		getManifest(w.db, w.field, named.id);
		getManifest(w.db, w.field, named.id);
		const views = () =>
			w.db
				.select()
				.from(auditLog)
				.where(eq(auditLog.action, 'view_names'))
				.all()
				.map((v) => [v.userId, v.entity, v.entityId]);
		expect(views()).toEqual([
			[w.field.id, 'manifest', String(named.id)],
			[w.coordinator.id, 'manifest', String(named.id)]
		]);
		// Back after the viewing's half hour: another entry.
		getManifest(w.db, w.field, named.id, new Date(Date.now() + 31 * 60_000));
		expect(views()).toHaveLength(3);
	});

	it('shows the driver only where names may be seen; others get the dispatcher’s contact', () => {
		const iom = w.field.organisationId;
		w.db
			.update(organisations)
			.set({ contactPhone: '+855 23 216 532', contactEmail: 'ops@iom.example.org' })
			.where(eq(organisations.id, iom))
			.run();
		const { row } = createManifest(w.db, w.field, manifestInput(w));
		const other = getManifest(w.db, w.partner, row.id)!;
		expect(other).toMatchObject({ driverName: null, driverPhone: null });
		expect(other.dispatcher).toEqual({
			acronym: 'IOM',
			name: 'IOM',
			contactPhone: '+855 23 216 532',
			contactEmail: 'ops@iom.example.org'
		});
		expect(JSON.stringify(other)).not.toContain('Sok Dara');
		for (const allowed of [w.field, w.coordinator]) {
			expect(getManifest(w.db, allowed, row.id)).toMatchObject({
				driverName: 'Sok Dara',
				driverPhone: '+855 12 345 678'
			});
		}
		const views = w.db.select().from(auditLog).where(eq(auditLog.action, 'view_names')).all();
		expect(views.map((v) => [v.userId, v.detail])).toEqual([
			[w.field.id, { passengers: 0, driver: true }],
			[w.coordinator.id, { passengers: 0, driver: true }]
		]);
	});

	it('counts a named list home without the passengers marked missing', () => {
		const named = createManifest(
			w.db,
			w.field,
			manifestInput(w, {
				mode: 'named',
				headcount: undefined,
				passengers: passengers(3).map((p) => passengerSchema.parse(p))
			})
		).row;
		changeStatus(
			w.db,
			w.field,
			named.id,
			{ status: 'boarding', at: at('2014-06-12T08:00:00+07:00') },
			NOW
		);
		changeStatus(
			w.db,
			w.field,
			named.id,
			{ status: 'departed', at: at('2014-06-12T09:00:00+07:00') },
			NOW
		);
		const list = getManifest(w.db, w.field, named.id)!.passengerList;
		expect(
			refusal(() =>
				confirmArrival(
					w.db,
					w.partner,
					named.id,
					{ missingIds: [list[1].id], missingSeats: [], missingNote: null },
					NOW
				)
			).status
		).toBe(403);
		const done = confirmArrival(
			w.db,
			w.field,
			named.id,
			{ missingIds: [list[1].id], missingSeats: [], missingNote: 'stayed in Battambang' },
			NOW
		);
		expect(done.receivedCount).toBe(2);
		const after = getManifest(w.db, w.field, named.id)!.passengerList;
		expect(after.map((p) => p.arrived)).toEqual([true, false, true]);
	});

	it('signs the QR payload and refuses an altered or forged one', () => {
		const payload = signedManifestCode(w.db, 'RT-ABCDEFGH');
		expect(verifyManifestCode(w.db, payload)).toBe('RT-ABCDEFGH');
		expect(verifyManifestCode(w.db, payload.replace('RT-ABCDEFGH', 'RT-ABCDEFGI'))).toBeNull();
		expect(
			verifyManifestCode(w.db, `${payload.slice(0, -1)}${payload.endsWith('A') ? 'B' : 'A'}`)
		).toBeNull();
		expect(verifyManifestCode(w.db, 'RT-ABCDEFGH')).toBeNull();
		expect(verifyManifestCode(w.db, 'RT-ABCDEFGH.')).toBeNull();
	});
});

describe('reconciliation', () => {
	/**
	 * The fixture, by hand: on 12 June 200 people crossed in two tallies, 90 heading for KH03
	 * (60 + 30), 30 for KH14 and 80 with no destination recorded; on 13 June 100, 60 for KH03
	 * and 40 not recorded. Manifests to KH03: 40 departed on
	 * 12 June and arrived with 38; 20 departed on 12 June, still on the road; 40 cancelled and
	 * 40 only boarding (neither counts); 40 departed on 13 June. To KH14: 10 arrived, all of them.
	 */
	it('equals the hand-computed truth', () => {
		tally({
			destinations: [
				{ pcode: 'KH03', persons: 60 },
				{ pcode: 'KH14', persons: 30 }
			]
		});
		tally({ shift: 'night', locationId: w.osmach, destinations: [{ pcode: 'KH03', persons: 30 }] });
		tally({ arrivedOn: '2014-06-13', destinations: [{ pcode: 'KH03', persons: 60 }] });
		const trip = (
			over: Parameters<typeof manifestInput>[1],
			steps: ('boarding' | 'departed' | 'cancelled')[],
			day: string,
			received?: number
		) => {
			const m = createManifest(w.db, w.field, manifestInput(w, over)).row;
			steps.forEach((status, i) =>
				changeStatus(w.db, w.field, m.id, { status, at: at(`${day}T0${8 + i}:00:00+07:00`) }, NOW)
			);
			if (received !== undefined)
				confirmArrival(
					w.db,
					w.field,
					m.id,
					{
						at: at(`${day}T18:00:00+07:00`),
						receivedCount: received,
						missingIds: [],
						missingSeats: [],
						missingNote: null
					},
					NOW
				);
			return m.id;
		};
		const a = trip({}, ['boarding', 'departed'], '2014-06-12', 38);
		const b = trip({ headcount: { m_18_59: 20 } }, ['boarding', 'departed'], '2014-06-12');
		trip({}, ['cancelled'], '2014-06-12');
		trip({}, ['boarding'], '2014-06-12');
		trip({}, ['boarding', 'departed'], '2014-06-13');
		trip(
			{ destProvincePcode: 'KH14', headcount: { f_0_5: 4, f_18_59: 6 } },
			['boarding', 'departed'],
			'2014-06-12',
			10
		);

		const rows = reconciliation(w.db, w.responseId);
		expect(rows).toEqual([
			{ pcode: 'KH03', date: '2014-06-12', crossed: 90, dispatched: 60, arrived: 38 },
			{ pcode: 'KH14', date: '2014-06-12', crossed: 30, dispatched: 10, arrived: 10 },
			{ pcode: null, date: '2014-06-12', crossed: 80, dispatched: 0, arrived: 0 },
			{ pcode: 'KH03', date: '2014-06-13', crossed: 60, dispatched: 40, arrived: 0 },
			{ pcode: null, date: '2014-06-13', crossed: 40, dispatched: 0, arrived: 0 }
		]);
		// Crossed is the same figure as on the dashboard: the destinations plus "not recorded".
		expect(rows.reduce((s, r) => s + r.crossed, 0)).toBe(arrivalTotals(w.db, w.responseId).persons);
		expect(reconciliation(w.db, w.responseId, { pcode: 'KH03', from: '2014-06-13' })).toEqual([
			{ pcode: 'KH03', date: '2014-06-13', crossed: 60, dispatched: 40, arrived: 0 }
		]);
		expect(reconManifests(w.db, w.responseId, 'KH03', '2014-06-12').map((r) => r.id)).toEqual([
			a,
			b
		]);

		// Attention: the 2 missing from the arrived trip, and the 20 on the road for over a day;
		// the 13 June trip left 11 hours before, under way; KH14 all home; nothing for "to dispatch".
		expect(reconAttention(w.db, w.responseId, {}, at('2014-06-13T20:00:00+07:00'))).toEqual([
			{ pcode: 'KH03', date: '2014-06-12', missing: 2, overdue: 20 }
		]);
		// A day later the 13 June trip is overdue too; a filter asks about its days only.
		expect(reconAttention(w.db, w.responseId, {}, at('2014-06-14T09:00:00+07:00'))).toEqual([
			{ pcode: 'KH03', date: '2014-06-12', missing: 2, overdue: 20 },
			{ pcode: 'KH03', date: '2014-06-13', missing: 0, overdue: 40 }
		]);
		expect(
			reconAttention(w.db, w.responseId, { from: '2014-06-13' }, at('2014-06-14T09:00:00+07:00'))
		).toEqual([{ pcode: 'KH03', date: '2014-06-13', missing: 0, overdue: 40 }]);
	});
});

describe('reconciliation after corrections', () => {
	it('follows a tally moved to another day and province', () => {
		const row = tally({ destinations: [{ pcode: 'KH03', persons: 60 }] });
		tally({ shift: 'night', destinations: [{ pcode: 'KH03', persons: 10 }] });
		updateTally(
			w.db,
			w.field,
			row.id,
			tallySchema.parse(
				tallyInput(w, { arrivedOn: '2014-06-14', destinations: [{ pcode: 'KH14', persons: 50 }] })
			)
		);
		expect(reconciliation(w.db, w.responseId)).toEqual([
			{ pcode: 'KH03', date: '2014-06-12', crossed: 10, dispatched: 0, arrived: 0 },
			{ pcode: null, date: '2014-06-12', crossed: 90, dispatched: 0, arrived: 0 },
			{ pcode: 'KH14', date: '2014-06-14', crossed: 50, dispatched: 0, arrived: 0 },
			{ pcode: null, date: '2014-06-14', crossed: 50, dispatched: 0, arrived: 0 }
		]);
		expect(arrivalTotals(w.db, w.responseId).persons).toBe(200);
	});
});

describe('crossing points', () => {
	const place = {
		kind: 'border_crossing',
		nameEn: 'Stung Bot',
		nameKm: 'ស្ទឹងបត់',
		lon: 102.6,
		lat: 13.6
	};

	it('lets coordinators add and move one, audited, and nobody else', () => {
		const row = saveReturnLocation(w.db, w.coordinator, returnLocationSchema.parse(place));
		saveReturnLocation(
			w.db,
			w.coordinator,
			returnLocationSchema.parse({ ...place, lat: 13.61 }),
			row.id
		);
		expect(listReturnLocations(w.db).find((p) => p.id === row.id)).toMatchObject({ lat: 13.61 });
		expect(
			w.db
				.select()
				.from(auditLog)
				.all()
				.map((a) => [a.action, a.entity])
		).toEqual([
			['create', 'locations'],
			['update', 'locations']
		]);
		expect(
			refusal(() => saveReturnLocation(w.db, w.field, returnLocationSchema.parse(place))).status
		).toBe(403);
	});

	it('needs a point in Cambodia', () => {
		expect(returnLocationSchema.safeParse({ ...place, lon: undefined }).success).toBe(false);
		expect(returnLocationSchema.safeParse({ ...place, lon: 99.5 }).success).toBe(false);
	});
});
