import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addDays, todayInCambodia } from './dates';
import { assessmentSchema, bordaPoints, distanceM, rankNeeds } from './assessments';

const valid = {
	id: randomUUID(),
	responseId: 2,
	lon: 103.2,
	lat: 13.1,
	observedOn: '2020-10-15',
	affectedHouseholds: 4,
	affected_f_18_59: 6,
	affected_m_18_59: 5,
	displacedHouseholds: 2,
	displacedPersons: 5,
	displacedHhSites: 2,
	houses: 10,
	housesDamaged: 3,
	housesDestroyed: 1,
	access: 'road',
	waterState: 'safe',
	sanitationState: 'working',
	needs: ['food']
};

const fieldsOf = (input: Record<string, unknown>) => {
	const r = assessmentSchema.safeParse(input);
	return r.success
		? {}
		: Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('the assessment schema', () => {
	it('accepts a plausible assessment, filling zeros and nulls', () => {
		const a = assessmentSchema.parse(valid);
		expect(a).toMatchObject({ deaths: 0, qtyTents: 0, pcode: null, notes: null, accuracyM: null });
	});

	it('takes ODK and KoBoToolbox ids and numbers sent as text', () => {
		const id = randomUUID();
		const a = assessmentSchema.parse({ ...valid, id: `uuid:${id.toUpperCase()}`, deaths: '2' });
		expect(a.id).toBe(id);
		expect(a.deaths).toBe(2);
	});

	it('refuses each kind of bad input at its field', () => {
		expect(fieldsOf({ ...valid, lon: 100.5, lat: 13.75 })).toHaveProperty('lon');
		// PostgreSQL cannot store a NUL in text: said at the field, not a failed write.
		expect(fieldsOf({ ...valid, villageName: 'Prek\u0000' })).toMatchObject({
			villageName: expect.stringContaining('NUL')
		});
		expect(fieldsOf({ ...valid, deaths: -1 })).toMatchObject({ deaths: 'Cannot be negative.' });
		expect(fieldsOf({ ...valid, displacedHouseholds: 5 })).toMatchObject({
			displacedHouseholds: '5 is more than the total of 4.'
		});
		expect(fieldsOf({ ...valid, displacedPersons: 12 })).toHaveProperty('displacedPersons');
		expect(fieldsOf({ ...valid, displacedHhHost: 1, displacedHhRoadside: 1 })).toHaveProperty(
			'displacedHhSites'
		);
		expect(fieldsOf({ ...valid, housesDestroyed: 8 })).toHaveProperty('housesDamaged');
		expect(fieldsOf({ ...valid, housesFlooded: 11 })).toHaveProperty('housesFlooded');
		expect(fieldsOf({ ...valid, affected_disabled: 12 })).toHaveProperty('affected_disabled');
		expect(fieldsOf({ ...valid, affectedHouseholds: 12 })).toHaveProperty('affectedHouseholds');
		// A day of slack for the device's clock; the day after is the future.
		expect(fieldsOf({ ...valid, observedOn: addDays(todayInCambodia(), 1) })).toEqual({});
		expect(fieldsOf({ ...valid, observedOn: addDays(todayInCambodia(), 2) })).toMatchObject({
			observedOn: `This date is in the future: today is ${todayInCambodia()} in Cambodia.`
		});
		expect(fieldsOf({ ...valid, observedOn: '2020-11-31' })).toMatchObject({
			observedOn: 'There is no 2020-11-31 in the calendar.'
		});
		expect(fieldsOf({ ...valid, needs: [] })).toHaveProperty('needs');
		expect(fieldsOf({ ...valid, needs: ['food', 'food'] })).toHaveProperty('needs');
		expect(fieldsOf({ ...valid, needs: ['gold'] })).toHaveProperty('needs.0');
		expect(fieldsOf({ ...valid, access: undefined })).toHaveProperty('access');
		expect(fieldsOf({ ...valid, id: 'not-a-uuid' })).toHaveProperty('id');
		expect(fieldsOf({ ...valid, houses: 5_000_000 })).toHaveProperty('houses');
	});
});

describe('needs ranking', () => {
	it('gives 5 points to a first priority down to 1 for a fifth', () => {
		expect([1, 2, 3, 4, 5, 6].map(bordaPoints)).toEqual([5, 4, 3, 2, 1, 0]);
	});

	it('prefers a need ranked high by many over one ranked first by few', () => {
		const ranking = rankNeeds([
			['shelter', 'water'],
			['food', 'water'],
			['health', 'water']
		]);
		expect(ranking[0]).toEqual({ need: 'water', points: 12, first: 0, named: 3 });
	});
});

it('measures distance in metres', () => {
	expect(distanceM(103.2, 13.1, 103.2, 13.1027)).toBeCloseTo(300, -1);
});

it('parses its own output to itself, so the outbox can send what the form saved', () => {
	const once = assessmentSchema.parse(valid);
	expect(assessmentSchema.parse(once)).toEqual(once);
});
