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
import { refused } from '$lib/server/testing';

let w: ReturnsWorld;
beforeEach(async () => {
	w = await returnsWorld();
});

const tally = async (over: Partial<TallyInput> = {}, actor = w.field) =>
	(await recordTally(w.db, actor, newTallySchema.parse(tallyInput(w, over)))).row;

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

const count = (table: typeof manifests | typeof arrivalTallies) => w.db.$count(table);

describe('arrival tallies', () => {
	it('stores the total and destinations, and shifts of a day add up', async () => {
		const first = await tally();
		expect(first.persons).toBe(100);
		await tally({
			shift: 'afternoon',
			f_18_59: 40,
			destinations: [{ pcode: 'KH03', persons: 50 }]
		});
		await tally({ arrivedOn: '2014-06-13' });
		const day = await arrivalTotals(w.db, w.responseId, { from: '2014-06-12', to: '2014-06-12' });
		expect(day.persons).toBe(210);
		expect(day.people.f_18_59).toBe(70);
		expect(day.traffickingReferrals).toBe(2);
		expect((await arrivalTotals(w.db, w.responseId)).persons).toBe(310);
		expect(await w.db.select().from(auditLog)).toHaveLength(3);
	});

	it('adds two shifts posted at the same moment both to the day, once each', async () => {
		const night = tallyInput(w, { shift: 'night', destinations: [{ pcode: 'KH03', persons: 70 }] });
		const morning = tallyInput(w, {
			destinations: [
				{ pcode: 'KH03', persons: 20 },
				{ pcode: 'KH14', persons: 30 }
			]
		});
		const post = (input: TallyInput) => recordTally(w.db, w.field, newTallySchema.parse(input));
		// Each post twice: two devices' outboxes, or a retry racing the first send.
		const answers = await Promise.all([post(night), post(morning), post(night), post(morning)]);
		expect(answers.map((a) => a.outcome).sort()).toEqual([
			'created',
			'created',
			'existing',
			'existing'
		]);
		expect(await count(arrivalTallies)).toBe(2);
		expect(await reconciliation(w.db, w.responseId)).toEqual([
			{ pcode: 'KH03', date: '2014-06-12', crossed: 90, dispatched: 0, arrived: 0 },
			{ pcode: 'KH14', date: '2014-06-12', crossed: 30, dispatched: 0, arrived: 0 },
			{ pcode: null, date: '2014-06-12', crossed: 80, dispatched: 0, arrived: 0 }
		]);
	});

	it('keeps the day right when a correction and a new count of that day come at once', async () => {
		const row = await tally({ destinations: [{ pcode: 'KH03', persons: 60 }] });
		const moved = tallySchema.parse(
			tallyInput(w, { destinations: [{ pcode: 'KH14', persons: 60 }] })
		);
		await Promise.all([
			updateTally(w.db, w.field, row.id, moved),
			tally({ shift: 'night', destinations: [{ pcode: 'KH03', persons: 40 }] })
		]);
		expect(await reconciliation(w.db, w.responseId)).toEqual([
			{ pcode: 'KH03', date: '2014-06-12', crossed: 40, dispatched: 0, arrived: 0 },
			{ pcode: 'KH14', date: '2014-06-12', crossed: 60, dispatched: 0, arrived: 0 },
			{ pcode: null, date: '2014-06-12', crossed: 100, dispatched: 0, arrived: 0 }
		]);
	});

	it('records a correction as an edit in the audit log, replacing the destinations', async () => {
		const row = await tally();
		await updateTally(
			w.db,
			w.field,
			row.id,
			tallySchema.parse(
				tallyInput(w, { m_18_59: 36, destinations: [{ pcode: 'KH17', persons: 10 }] })
			)
		);
		const after = (await getTally(w.db, row.id))!;
		expect(after.persons).toBe(101);
		expect(after.destinations).toEqual([{ pcode: 'KH17', persons: 10 }]);
		const [audit] = await w.db.select().from(auditLog).where(eq(auditLog.action, 'update'));
		expect(audit.before).toMatchObject({ m_18_59: 35, persons: 100 });
		expect(audit.after).toMatchObject({ m_18_59: 36, persons: 101 });
	});

	it('lets only the own organisation or a coordinator correct a tally', async () => {
		const row = await tally();
		const input = newTallySchema.parse(tallyInput(w));
		expect((await refused(() => updateTally(w.db, w.partner, row.id, input))).status).toBe(403);
		expect((await updateTally(w.db, w.coordinator, row.id, input)).id).toBe(row.id);
		expect((await refused(() => recordTally(w.db, w.viewer, input))).status).toBe(403);
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

	it('refuses a day outside the response, a place that is not a crossing, writing nothing', async () => {
		expect((await refused(() => tally({ arrivedOn: '2014-06-01' }))).fields).toHaveProperty(
			'arrivedOn'
		);
		expect((await refused(() => tally({ arrivedOn: '2014-08-01' }))).fields).toHaveProperty(
			'arrivedOn'
		);
		expect((await refused(() => tally({ locationId: w.warehouse }))).fields).toHaveProperty(
			'locationId'
		);
		expect(
			(await refused(() => tally({ destinations: [{ pcode: 'KH99', persons: 1 }] }))).fields
		).toHaveProperty('destinations.0.pcode');
		expect(await count(arrivalTallies)).toBe(0);
		expect(await w.db.select().from(tallyDestinations)).toHaveLength(0);
		expect(await w.db.select().from(auditLog)).toHaveLength(0);
	});
});

describe('manifests', () => {
	it('goes draft → boarding → departed → arrived with times, and nothing after', async () => {
		const m = (await createManifest(w.db, w.field, manifestInput(w))).row;
		expect(m).toMatchObject({ status: 'draft', passengers: 40 });
		await changeStatus(
			w.db,
			w.field,
			m.id,
			{ status: 'boarding', at: at('2014-06-12T07:30:00+07:00') },
			NOW
		);
		const gone = await changeStatus(
			w.db,
			w.field,
			m.id,
			{ status: 'departed', at: at('2014-06-12T23:30:00+07:00') },
			NOW
		);
		expect(gone.departedOn).toBe('2014-06-12');
		const home = await confirmArrival(
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
			(await refused(() => changeStatus(w.db, w.field, m.id, { status: 'cancelled' }, NOW))).fields
		).toHaveProperty('status');
		expect(await w.db.select().from(auditLog)).toHaveLength(4);
	});

	it('gives two manifests made at the same moment two codes, and one made twice one', async () => {
		const bus = manifestInput(w);
		const truck = manifestInput(w, { vehicleKind: 'truck', plate: 'BMC 3C-0002' });
		const made = await Promise.all([
			createManifest(w.db, w.field, bus),
			createManifest(w.db, w.field, truck),
			createManifest(w.db, w.field, bus),
			createManifest(w.db, w.field, truck)
		]);
		// Either post of the same manifest may be the one that writes it: on PostgreSQL they run
		// at once on two connections.
		const outcomes = made.map((a) => a.outcome);
		expect([outcomes[0], outcomes[2]].sort()).toEqual(['created', 'existing']);
		expect([outcomes[1], outcomes[3]].sort()).toEqual(['created', 'existing']);
		const codes = made.map((a) => a.row.code);
		expect(codes[0]).not.toBe(codes[1]);
		expect([codes[2], codes[3]]).toEqual([codes[0], codes[1]]);
		const stored = await w.db.select({ code: manifests.code }).from(manifests);
		expect(stored.map((r) => r.code).sort()).toEqual([codes[0], codes[1]].sort());
	});

	it('refuses skipped steps, arriving before departing and any change to a cancelled manifest', async () => {
		const m = (await createManifest(w.db, w.field, manifestInput(w))).row;
		expect(
			(await refused(() => changeStatus(w.db, w.field, m.id, { status: 'departed' }, NOW))).fields
		).toHaveProperty('status');
		expect(
			(await refused(() => changeStatus(w.db, w.field, m.id, { status: 'arrived' }, NOW))).fields
		).toHaveProperty('status');
		await changeStatus(
			w.db,
			w.field,
			m.id,
			{ status: 'boarding', at: at('2014-06-12T08:00:00+07:00') },
			NOW
		);
		await changeStatus(
			w.db,
			w.field,
			m.id,
			{ status: 'departed', at: at('2014-06-12T10:00:00+07:00') },
			NOW
		);
		const early = await refused(() =>
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
			(await refused(() => changeStatus(w.db, w.field, m.id, { status: 'boarding' }, NOW))).fields
		).toHaveProperty('status');
		const c = (await createManifest(w.db, w.field, manifestInput(w))).row;
		await changeStatus(w.db, w.field, c.id, { status: 'cancelled' }, NOW);
		expect(
			(await refused(() => changeStatus(w.db, w.field, c.id, { status: 'boarding' }, NOW))).message
		).toContain('cancelled');
		expect(
			(
				await refused(() =>
					updateManifest(
						w.db,
						w.field,
						c.id,
						manifestInput(w),
						peopleOf(headcountSchema.parse({ f_0_5: 1 }))
					)
				)
			).message
		).toContain('cancelled');
		const [stored] = await w.db.select().from(manifests).where(eq(manifests.id, c.id));
		expect(stored.status).toBe('cancelled');
	});

	it('refuses a move in the future or before the response began', async () => {
		const m = (await createManifest(w.db, w.field, manifestInput(w))).row;
		expect(
			(
				await refused(() =>
					changeStatus(
						w.db,
						w.field,
						m.id,
						{ status: 'boarding', at: at('2014-06-21T08:00:00+07:00') },
						NOW
					)
				)
			).fields
		).toHaveProperty('at');
		expect(
			(
				await refused(() =>
					changeStatus(
						w.db,
						w.field,
						m.id,
						{ status: 'boarding', at: at('2014-06-01T08:00:00+07:00') },
						NOW
					)
				)
			).fields
		).toHaveProperty('at');
	});

	it('corrects the vehicle and headcount while loading, within the seats, audited', async () => {
		const mf = (await createManifest(w.db, w.field, manifestInput(w))).row;
		const edited = await updateManifest(
			w.db,
			w.field,
			mf.id,
			manifestInput(w, { plate: 'PP 3B-0001', capacity: 60 }),
			peopleOf(headcountSchema.parse({ m_18_59: 55 }))
		);
		expect(edited).toMatchObject({ plate: 'PP 3B-0001', passengers: 55, m_18_59: 55, f_18_59: 0 });
		const over = await refused(() =>
			updateManifest(w.db, w.field, mf.id, manifestInput(w, { capacity: 50 }))
		);
		expect(over.fields).toHaveProperty('capacity');
		expect(
			(await refused(() => updateManifest(w.db, w.partner, mf.id, manifestInput(w)))).status
		).toBe(403);
		const audit = await w.db.select().from(auditLog).where(eq(auditLog.action, 'update'));
		expect(audit).toHaveLength(1);
		expect(audit[0].after).toMatchObject({ plate: 'PP 3B-0001', passengers: 55 });
	});

	it('never carries more than the vehicle holds', async () => {
		const over = await refused(() =>
			createManifest(w.db, w.field, manifestInput(w, { capacity: 30 }))
		);
		expect(over.fields).toHaveProperty('headcount');
		const named = (
			await createManifest(
				w.db,
				w.field,
				manifestInput(w, {
					mode: 'named',
					capacity: 4,
					headcount: undefined,
					passengers: passengers(3).map((p) => passengerSchema.parse(p))
				})
			)
		).row;
		expect(named.passengers).toBe(3);
		expect(named.f_0_5).toBe(1);
		expect(named.disabled).toBe(1);
		expect(
			(
				await refused(() =>
					addPassengers(
						w.db,
						w.field,
						named.id,
						passengers(2).map((p) => passengerSchema.parse(p))
					)
				)
			).fields
		).toHaveProperty('name');
		expect(
			await addPassengers(
				w.db,
				w.field,
				named.id,
				passengers(1).map((p) => passengerSchema.parse(p))
			)
		).toBe(4);
		expect(await count(manifests)).toBe(1);
	});

	it("refuses a passenger's destination that is not a known place, at its field", async () => {
		const named = (
			await createManifest(
				w.db,
				w.field,
				manifestInput(w, { mode: 'named', headcount: undefined, passengers: [] })
			)
		).row;
		const add = (destPcode: string) =>
			addPassengers(w.db, w.field, named.id, [
				passengerSchema.parse({ ...passengers(1)[0], destPcode })
			]);
		expect((await refused(() => add('KH9999'))).fields).toHaveProperty('destPcode');
		expect(await add('KH02')).toBe(1);
		const listed = await refused(() =>
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

	it('shows names only to the own organisation and coordinators, and logs who saw them', async () => {
		const named = (
			await createManifest(
				w.db,
				w.field,
				manifestInput(w, {
					mode: 'named',
					headcount: undefined,
					passengers: passengers(3).map((p) => passengerSchema.parse(p))
				})
			)
		).row;
		const other = (await getManifest(w.db, w.partner, named.id))!;
		expect(other.names).toBe(false);
		expect(other.passengerList).toEqual([]);
		expect(other.passengers).toBe(3);
		const own = (await getManifest(w.db, w.field, named.id))!;
		expect(own.passengerList.map((p) => p.name)).toEqual([
			'Passenger 1',
			'Passenger 2',
			'Passenger 3'
		]);
		expect((await getManifest(w.db, w.coordinator, named.id))!.names).toBe(true);
		// The page reloads after each step, two of them at once too: the same viewing, one entry
		// per person.
		await getManifest(w.db, w.field, named.id);
		await Promise.all([getManifest(w.db, w.field, named.id), getManifest(w.db, w.field, named.id)]);
		const views = async () =>
			(await w.db.select().from(auditLog).where(eq(auditLog.action, 'view_names'))).map((v) => [
				v.userId,
				v.entity,
				v.entityId
			]);
		expect(await views()).toEqual([
			[w.field.id, 'manifest', String(named.id)],
			[w.coordinator.id, 'manifest', String(named.id)]
		]);
		// Back after the viewing's half hour: another entry.
		await getManifest(w.db, w.field, named.id, new Date(Date.now() + 31 * 60_000));
		expect(await views()).toHaveLength(3);
	});

	it('shows the driver only where names may be seen; others get the dispatcher’s contact', async () => {
		const iom = w.field.organisationId;
		await w.db
			.update(organisations)
			.set({ contactPhone: '+855 23 216 532', contactEmail: 'ops@iom.example.org' })
			.where(eq(organisations.id, iom));
		const { row } = await createManifest(w.db, w.field, manifestInput(w));
		const other = (await getManifest(w.db, w.partner, row.id))!;
		expect(other).toMatchObject({ driverName: null, driverPhone: null });
		expect(other.dispatcher).toEqual({
			acronym: 'IOM',
			name: 'IOM',
			contactPhone: '+855 23 216 532',
			contactEmail: 'ops@iom.example.org'
		});
		expect(JSON.stringify(other)).not.toContain('Sok Dara');
		for (const allowed of [w.field, w.coordinator]) {
			expect(await getManifest(w.db, allowed, row.id)).toMatchObject({
				driverName: 'Sok Dara',
				driverPhone: '+855 12 345 678'
			});
		}
		const views = await w.db.select().from(auditLog).where(eq(auditLog.action, 'view_names'));
		expect(views.map((v) => [v.userId, v.detail])).toEqual([
			[w.field.id, { passengers: 0, driver: true }],
			[w.coordinator.id, { passengers: 0, driver: true }]
		]);
	});

	it('counts a named list home without the passengers marked missing', async () => {
		const named = (
			await createManifest(
				w.db,
				w.field,
				manifestInput(w, {
					mode: 'named',
					headcount: undefined,
					passengers: passengers(3).map((p) => passengerSchema.parse(p))
				})
			)
		).row;
		await changeStatus(
			w.db,
			w.field,
			named.id,
			{ status: 'boarding', at: at('2014-06-12T08:00:00+07:00') },
			NOW
		);
		await changeStatus(
			w.db,
			w.field,
			named.id,
			{ status: 'departed', at: at('2014-06-12T09:00:00+07:00') },
			NOW
		);
		const list = (await getManifest(w.db, w.field, named.id))!.passengerList;
		expect(
			(
				await refused(() =>
					confirmArrival(
						w.db,
						w.partner,
						named.id,
						{ missingIds: [list[1].id], missingSeats: [], missingNote: null },
						NOW
					)
				)
			).status
		).toBe(403);
		const done = await confirmArrival(
			w.db,
			w.field,
			named.id,
			{ missingIds: [list[1].id], missingSeats: [], missingNote: 'stayed in Battambang' },
			NOW
		);
		expect(done.receivedCount).toBe(2);
		const after = (await getManifest(w.db, w.field, named.id))!.passengerList;
		expect(after.map((p) => p.arrived)).toEqual([true, false, true]);
	});

	it('signs the QR payload and refuses an altered or forged one', async () => {
		const payload = await signedManifestCode(w.db, 'RT-ABCDEFGH');
		expect(await verifyManifestCode(w.db, payload)).toBe('RT-ABCDEFGH');
		expect(
			await verifyManifestCode(w.db, payload.replace('RT-ABCDEFGH', 'RT-ABCDEFGI'))
		).toBeNull();
		expect(
			await verifyManifestCode(w.db, `${payload.slice(0, -1)}${payload.endsWith('A') ? 'B' : 'A'}`)
		).toBeNull();
		expect(await verifyManifestCode(w.db, 'RT-ABCDEFGH')).toBeNull();
		expect(await verifyManifestCode(w.db, 'RT-ABCDEFGH.')).toBeNull();
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
	it('equals the hand-computed truth', async () => {
		await tally({
			destinations: [
				{ pcode: 'KH03', persons: 60 },
				{ pcode: 'KH14', persons: 30 }
			]
		});
		await tally({
			shift: 'night',
			locationId: w.osmach,
			destinations: [{ pcode: 'KH03', persons: 30 }]
		});
		await tally({ arrivedOn: '2014-06-13', destinations: [{ pcode: 'KH03', persons: 60 }] });
		const trip = async (
			over: Parameters<typeof manifestInput>[1],
			steps: ('boarding' | 'departed' | 'cancelled')[],
			day: string,
			received?: number
		) => {
			const m = (await createManifest(w.db, w.field, manifestInput(w, over))).row;
			for (const [i, status] of steps.entries())
				await changeStatus(
					w.db,
					w.field,
					m.id,
					{ status, at: at(`${day}T0${8 + i}:00:00+07:00`) },
					NOW
				);
			if (received !== undefined)
				await confirmArrival(
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
		const a = await trip({}, ['boarding', 'departed'], '2014-06-12', 38);
		const b = await trip({ headcount: { m_18_59: 20 } }, ['boarding', 'departed'], '2014-06-12');
		await trip({}, ['cancelled'], '2014-06-12');
		await trip({}, ['boarding'], '2014-06-12');
		await trip({}, ['boarding', 'departed'], '2014-06-13');
		await trip(
			{ destProvincePcode: 'KH14', headcount: { f_0_5: 4, f_18_59: 6 } },
			['boarding', 'departed'],
			'2014-06-12',
			10
		);

		const rows = await reconciliation(w.db, w.responseId);
		expect(rows).toEqual([
			{ pcode: 'KH03', date: '2014-06-12', crossed: 90, dispatched: 60, arrived: 38 },
			{ pcode: 'KH14', date: '2014-06-12', crossed: 30, dispatched: 10, arrived: 10 },
			{ pcode: null, date: '2014-06-12', crossed: 80, dispatched: 0, arrived: 0 },
			{ pcode: 'KH03', date: '2014-06-13', crossed: 60, dispatched: 40, arrived: 0 },
			{ pcode: null, date: '2014-06-13', crossed: 40, dispatched: 0, arrived: 0 }
		]);
		// Crossed is the same figure as on the dashboard: the destinations plus "not recorded".
		expect(rows.reduce((s, r) => s + r.crossed, 0)).toBe(
			(await arrivalTotals(w.db, w.responseId)).persons
		);
		expect(await reconciliation(w.db, w.responseId, { pcode: 'KH03', from: '2014-06-13' })).toEqual(
			[{ pcode: 'KH03', date: '2014-06-13', crossed: 60, dispatched: 40, arrived: 0 }]
		);
		expect(
			(await reconManifests(w.db, w.responseId, 'KH03', '2014-06-12')).map((r) => r.id)
		).toEqual([a, b]);

		// Attention: the 2 missing from the arrived trip, and the 20 on the road for over a day;
		// the 13 June trip left 11 hours before, under way; KH14 all home; nothing for "to dispatch".
		expect(await reconAttention(w.db, w.responseId, {}, at('2014-06-13T20:00:00+07:00'))).toEqual([
			{ pcode: 'KH03', date: '2014-06-12', missing: 2, overdue: 20 }
		]);
		// A day later the 13 June trip is overdue too; a filter asks about its days only.
		expect(await reconAttention(w.db, w.responseId, {}, at('2014-06-14T09:00:00+07:00'))).toEqual([
			{ pcode: 'KH03', date: '2014-06-12', missing: 2, overdue: 20 },
			{ pcode: 'KH03', date: '2014-06-13', missing: 0, overdue: 40 }
		]);
		expect(
			await reconAttention(
				w.db,
				w.responseId,
				{ from: '2014-06-13' },
				at('2014-06-14T09:00:00+07:00')
			)
		).toEqual([{ pcode: 'KH03', date: '2014-06-13', missing: 0, overdue: 40 }]);
	});
});

describe('reconciliation after corrections', () => {
	it('follows a tally moved to another day and province', async () => {
		const row = await tally({ destinations: [{ pcode: 'KH03', persons: 60 }] });
		await tally({ shift: 'night', destinations: [{ pcode: 'KH03', persons: 10 }] });
		await updateTally(
			w.db,
			w.field,
			row.id,
			tallySchema.parse(
				tallyInput(w, { arrivedOn: '2014-06-14', destinations: [{ pcode: 'KH14', persons: 50 }] })
			)
		);
		expect(await reconciliation(w.db, w.responseId)).toEqual([
			{ pcode: 'KH03', date: '2014-06-12', crossed: 10, dispatched: 0, arrived: 0 },
			{ pcode: null, date: '2014-06-12', crossed: 90, dispatched: 0, arrived: 0 },
			{ pcode: 'KH14', date: '2014-06-14', crossed: 50, dispatched: 0, arrived: 0 },
			{ pcode: null, date: '2014-06-14', crossed: 50, dispatched: 0, arrived: 0 }
		]);
		expect((await arrivalTotals(w.db, w.responseId)).persons).toBe(200);
	});

	it('counts a tally corrected twice at once under the day it ends on, once', async () => {
		const row = await tally({ destinations: [{ pcode: 'KH03', persons: 60 }] });
		const correct = (over: Partial<TallyInput>) =>
			updateTally(w.db, w.field, row.id, tallySchema.parse(tallyInput(w, over)));
		await Promise.all([
			correct({ arrivedOn: '2014-06-13', destinations: [{ pcode: 'KH03', persons: 60 }] }),
			correct({ arrivedOn: '2014-06-14', destinations: [{ pcode: 'KH14', persons: 50 }] })
		]);
		// Whichever correction came last stands; the summary holds it alone.
		const day = (await getTally(w.db, row.id))!.arrivedOn;
		const expected: Record<string, unknown[]> = {
			'2014-06-13': [
				{ pcode: 'KH03', date: '2014-06-13', crossed: 60, dispatched: 0, arrived: 0 },
				{ pcode: null, date: '2014-06-13', crossed: 40, dispatched: 0, arrived: 0 }
			],
			'2014-06-14': [
				{ pcode: 'KH14', date: '2014-06-14', crossed: 50, dispatched: 0, arrived: 0 },
				{ pcode: null, date: '2014-06-14', crossed: 50, dispatched: 0, arrived: 0 }
			]
		};
		expect(await reconciliation(w.db, w.responseId)).toEqual(expected[day]);
	});

	it('keeps the crossings right when a point becomes a transit centre as a count there comes in', async () => {
		const place = (kind: string) =>
			returnLocationSchema.parse({
				kind,
				nameEn: "O'Smach",
				nameKm: "O'Smach",
				lon: 102.56,
				lat: 13.66,
				active: true
			});
		await tally({ locationId: w.osmach, destinations: [{ pcode: 'KH03', persons: 60 }] });
		await Promise.all([
			saveReturnLocation(w.db, w.coordinator, place('transit_centre'), w.osmach),
			tally({
				locationId: w.osmach,
				shift: 'night',
				destinations: [{ pcode: 'KH03', persons: 40 }]
			})
		]);
		// A transit centre's counts are not crossings, whichever of the two was written first.
		expect(await reconciliation(w.db, w.responseId)).toEqual([]);
		await saveReturnLocation(w.db, w.coordinator, place('border_crossing'), w.osmach);
		expect(await reconciliation(w.db, w.responseId)).toEqual([
			{ pcode: 'KH03', date: '2014-06-12', crossed: 100, dispatched: 0, arrived: 0 },
			{ pcode: null, date: '2014-06-12', crossed: 100, dispatched: 0, arrived: 0 }
		]);
	});
});

describe('crossing points', () => {
	const place = {
		kind: 'border_crossing',
		nameEn: 'Stung Bot',
		nameKm: 'ស្ទឹងបត់',
		lon: 102.6,
		lat: 13.6,
		active: true
	};

	it('lets coordinators add and move one, audited, and nobody else', async () => {
		const row = await saveReturnLocation(w.db, w.coordinator, returnLocationSchema.parse(place));
		await saveReturnLocation(
			w.db,
			w.coordinator,
			returnLocationSchema.parse({ ...place, lat: 13.61 }),
			row.id
		);
		expect((await listReturnLocations(w.db)).find((p) => p.id === row.id)).toMatchObject({
			lat: 13.61
		});
		expect((await w.db.select().from(auditLog)).map((a) => [a.action, a.entity])).toEqual([
			['create', 'locations'],
			['update', 'locations']
		]);
		expect(
			(await refused(() => saveReturnLocation(w.db, w.field, returnLocationSchema.parse(place))))
				.status
		).toBe(403);
	});

	it('needs a point in Cambodia', () => {
		expect(returnLocationSchema.safeParse({ ...place, lon: undefined }).success).toBe(false);
		expect(returnLocationSchema.safeParse({ ...place, lon: 99.5 }).success).toBe(false);
	});
});
