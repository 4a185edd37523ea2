/** A small world for shelter tests: the assessments' world plus a second partner and a catalogue. */
import { randomUUID } from 'node:crypto';
import type { Actor } from '$lib/domain/policy';
import {
	activitySchema,
	catalogueSchema,
	correctionSchema,
	populationSchema,
	siteSchema,
	type ActivityInput,
	type CatalogueInput,
	type CorrectionInput,
	type PopulationInput,
	type SiteInput
} from '$lib/domain/shelter';
import type { Db } from '$lib/server/db';
import { valid } from '$lib/server/testing';
import { assessmentWorld } from '$lib/server/assessments/testing';
import { saveCatalogueEntry } from './catalogue';
import { addPopulation, correctPopulation } from './population';

export { valid };

export async function shelterWorld() {
	const w = await assessmentWorld();
	const pin = await w.org('PIN', 'international_ngo');
	const partner2 = await w.user('p2@x.org', 'partner', pin, {
		name: 'p2',
		organisationAcronym: 'PIN'
	});
	const entry = async (input: CatalogueInput) =>
		(await saveCatalogueEntry(w.db, w.coordinator, valid(catalogueSchema, input))).id;
	const tarp = await entry({
		kind: 'item',
		code: 'TARP',
		nameEn: 'Tarpaulin',
		nameKm: 'តង់',
		unit: 'piece',
		standardQty: 2,
		standardPer: 'household'
	});
	const blanket = await entry({
		kind: 'item',
		code: 'BLANKET',
		nameEn: 'Blanket',
		nameKm: 'ភួយ',
		unit: 'piece',
		standardQty: 1,
		standardPer: 'person'
	});
	const familyKit = await entry({
		kind: 'kit',
		code: 'FAMILY',
		nameEn: 'Family kit',
		nameKm: 'កញ្ចប់គ្រួសារ',
		unit: 'kit',
		components: [
			{ itemId: tarp, quantity: 1 },
			{ itemId: blanket, quantity: 2 }
		]
	});
	return { ...w, pin, partner2, tarp, blanket, familyKit };
}
export type ShelterWorld = Awaited<ReturnType<typeof shelterWorld>>;

export function siteSample(managingOrganisationId: number, over: Partial<SiteInput> = {}) {
	return valid(siteSchema, {
		nameEn: 'Wat Kantueu pagoda',
		nameKm: 'វត្តកន្ទឺ',
		kind: 'evacuation_centre',
		lon: 103.2,
		lat: 13.1,
		capacity: 100,
		coveredAreaM2: 300,
		managingOrganisationId,
		openedOn: '2020-10-10',
		waterPoints: 2,
		latrines: 4,
		...over
	});
}

export function activitySample(over: Partial<ActivityInput> = {}) {
	return valid(activitySchema, {
		activityType: 'nfi_distribution',
		modality: 'in_kind',
		pcode: 'KH020101',
		startDate: '2020-10-15',
		endDate: '2020-10-20',
		status: 'completed',
		targetedHouseholds: 30,
		targeted_f_18_59: 50,
		targeted_m_18_59: 40,
		reachedHouseholds: 20,
		reached_f_18_59: 35,
		reached_m_18_59: 25,
		items: [],
		...over
	});
}

/** A population count as the form sends it, with an id of its own; the stored row. */
export const addCount = async (
	db: Db,
	actor: Actor,
	siteId: number,
	input: Omit<PopulationInput, 'id'>
) =>
	(await addPopulation(db, actor, siteId, valid(populationSchema, { id: randomUUID(), ...input })))
		.row;

/** A correction as the form sends it, with an id of its own; the stored row. */
export const correctCount = async (
	db: Db,
	actor: Actor,
	siteId: number,
	input: Omit<CorrectionInput, 'id'>
) =>
	(
		await correctPopulation(
			db,
			actor,
			siteId,
			valid(correctionSchema, { id: randomUUID(), ...input })
		)
	).row;

/** A population count posted as the form or the API would: parsed, then saved. */
export const postPopulation = (db: Db, actor: Actor, siteId: number, input: PopulationInput) =>
	addPopulation(db, actor, siteId, valid(populationSchema, input));
