/**
 * Demo Shelter Sector data: the sector's default NFI catalogue; evacuation sites with their
 * population over the October 2020 floods (Battambang, Banteay Meanchey, Pursat) and transit
 * sites at Poipet for the June 2014 return; 4W rows from several partners in every review state.
 */
import { addDays } from '$lib/domain/dates';
import type { Actor } from '$lib/domain/policy';
import {
	activitySchema,
	catalogueSchema,
	populationSchema,
	siteSchema,
	type ActivityInput,
	type ActivityType,
	type CatalogueInput,
	type Modality,
	type SiteKind
} from '$lib/domain/shelter';
import type { Db, RootDb } from '$lib/server/db';
import { adminAreas } from '$lib/server/db/schema';
import { transaction } from '$lib/server/db/transaction';
import {
	addPopulation,
	createActivity,
	createSite,
	reviewActivity,
	saveCatalogueEntry
} from '$lib/server/shelter';
import { FLOOD_DISTRICTS, floodCommunes } from './assessment-areas';
import { ensureFloodAreas } from './assessments';
import type { SeedContext } from './foundation';
import { rng, seededUuid } from './random';

type Entry = Omit<CatalogueInput, 'components'> & { parts?: [code: string, qty: number][] };

/** Standards after the Shelter Cluster's usual NFI package (per household of about five). */
const DEFAULT_CATALOGUE: Entry[] = [
	{
		kind: 'item',
		code: 'TARP',
		nameEn: 'Tarpaulin 4 × 6 m',
		nameKm: 'តង់ ៤ × ៦ ម៉ែត្រ',
		unit: 'piece',
		standardQty: 2,
		standardPer: 'household'
	},
	{
		kind: 'item',
		code: 'BLANKET',
		nameEn: 'Blanket',
		nameKm: 'ភួយ',
		unit: 'piece',
		standardQty: 1,
		standardPer: 'person'
	},
	{
		kind: 'item',
		code: 'MOSQNET',
		nameEn: 'Mosquito net (LLIN)',
		nameKm: 'មុង',
		unit: 'piece',
		standardQty: 0.5,
		standardPer: 'person'
	},
	{
		kind: 'item',
		code: 'SLEEPMAT',
		nameEn: 'Sleeping mat',
		nameKm: 'កន្ទេល',
		unit: 'piece',
		standardQty: 0.5,
		standardPer: 'person'
	},
	{
		kind: 'item',
		code: 'JERRYCAN',
		nameEn: 'Jerrycan 20 l',
		nameKm: 'ធុងទឹក ២០ លីត្រ',
		unit: 'piece',
		standardQty: 2,
		standardPer: 'household'
	},
	{
		kind: 'item',
		code: 'BUCKET',
		nameEn: 'Bucket with lid',
		nameKm: 'ធុងមានគម្រប',
		unit: 'piece',
		standardQty: 1,
		standardPer: 'household'
	},
	{
		kind: 'item',
		code: 'HYGIENE',
		nameEn: 'Hygiene kit',
		nameKm: 'កញ្ចប់អនាម័យ',
		unit: 'kit',
		standardQty: 1,
		standardPer: 'household'
	},
	{
		kind: 'item',
		code: 'KITCHEN',
		nameEn: 'Kitchen set',
		nameKm: 'ឈុតសម្ភារៈផ្ទះបាយ',
		unit: 'set',
		standardQty: 1,
		standardPer: 'household'
	},
	{
		kind: 'item',
		code: 'TOOLKIT',
		nameEn: 'Shelter toolkit',
		nameKm: 'ឧបករណ៍សាងសង់ជម្រក',
		unit: 'kit',
		standardQty: 1,
		standardPer: 'household'
	},
	{
		kind: 'kit',
		code: 'FAMILYKIT',
		nameEn: 'Family NFI kit',
		nameKm: 'កញ្ចប់សម្ភារៈគ្រួសារ',
		unit: 'kit',
		standardQty: 0,
		standardPer: 'household',
		parts: [
			['BLANKET', 2],
			['MOSQNET', 2],
			['SLEEPMAT', 2],
			['JERRYCAN', 1],
			['BUCKET', 1]
		]
	},
	{
		kind: 'kit',
		code: 'ESK',
		nameEn: 'Emergency shelter kit',
		nameKm: 'កញ្ចប់ជម្រកបន្ទាន់',
		unit: 'kit',
		standardQty: 0,
		standardPer: 'household',
		parts: [
			['TARP', 2],
			['TOOLKIT', 1]
		]
	}
];

export async function seedCatalogue(db: Db, actor: Actor): Promise<Record<string, number>> {
	const ids: Record<string, number> = {};
	for (const { parts, ...entry } of DEFAULT_CATALOGUE) {
		const components = (parts ?? []).map(([code, quantity]) => ({ itemId: ids[code], quantity }));
		const saved = await saveCatalogueEntry(
			db,
			actor,
			catalogueSchema.parse({ ...entry, components })
		);
		ids[entry.code] = saved.id;
	}
	return ids;
}

const SITE_NAMES: [string, string, SiteKind][] = [
	['Wat Kor pagoda', 'វត្តគរ', 'evacuation_centre'],
	['Wat Sangker pagoda', 'វត្តសង្កែ', 'evacuation_centre'],
	['Hun Sen Banan high school', 'វិទ្យាល័យ ហ៊ុន សែន បាណន់', 'collective_centre'],
	['Ek Phnom primary school', 'សាលាបឋមសិក្សាឯកភ្នំ', 'collective_centre'],
	['Phnum Sampov hillside', 'ជើងភ្នំសំពៅ', 'evacuation_centre'],
	['Mongkol Borei district hall', 'សាលស្រុកមង្គលបុរី', 'collective_centre'],
	['Wat Thmor Puok pagoda', 'វត្តថ្មពួក', 'evacuation_centre'],
	['Preah Netr Preah host families', 'គ្រួសារទទួលស្នាក់នៅព្រះនេត្រព្រះ', 'host_community'],
	['Bakan commune hall', 'សាលាឃុំបាកាន', 'collective_centre'],
	['Wat Kandieng pagoda', 'វត្តកណ្ដៀង', 'evacuation_centre'],
	['Krakor floating village school', 'សាលាភូមិបណ្ដែតទឹកក្រគរ', 'collective_centre'],
	['Pailin road embankment', 'ទំនប់ផ្លូវប៉ៃលិន', 'evacuation_centre']
];

const ACTIVITY_PLAN: [ActivityType, Modality, string[]][] = [
	['nfi_distribution', 'in_kind', ['FAMILYKIT', 'HYGIENE']],
	['emergency_shelter_kit', 'in_kind', ['ESK']],
	['nfi_distribution', 'in_kind', ['TARP', 'BLANKET', 'MOSQNET']],
	['cash_for_shelter', 'cash', []],
	['shelter_repair', 'in_kind', ['TOOLKIT']],
	['site_management', 'service', []],
	['shelter_assessment', 'service', []],
	['nfi_distribution', 'voucher', ['KITCHEN', 'JERRYCAN']],
	['training', 'service', []]
];

const PARTNERS = ['CRC', 'PIN', 'IOM', 'Plan', 'WVI', 'CARE', 'HFH', 'Caritas', 'LWD'];
const DONORS = ['ECHO', 'USAID/BHA', 'DFAT', 'CERF', 'START Fund', null];
const DEMO_FLOOD_ACTIVITIES = 140;

export async function seedShelter(root: RootDb, ctx: SeedContext): Promise<void> {
	await ensureFloodAreas(root);
	// One transaction around the lot: each service's own becomes a savepoint, and the file syncs once.
	await transaction(root, (db) => seedShelterIn(db, ctx));
}

async function seedShelterIn(db: Db, ctx: SeedContext): Promise<void> {
	await db
		.insert(adminAreas)
		.values({
			pcode: 'KH0110',
			level: 2,
			parentPcode: 'KH01',
			nameEn: 'Paoy Paet',
			nameKm: 'ប៉ោយប៉ែត'
		})
		.onConflictDoNothing({ target: adminAreas.pcode });
	const r = rng(4040);
	// The counts' ids come from a generator of their own: the demo's other figures stay as they were.
	const ids = rng(4041);
	const int = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
	const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
	const org = (acronym: string) => ctx.organisations[acronym];
	const coordinator: Actor = {
		id: ctx.users.coordinator,
		role: 'coordinator',
		organisationId: org('IOM')
	};
	const partnerOf = (acronym: string): Actor =>
		acronym === 'CRC'
			? { id: ctx.users.partner, role: 'partner', organisationId: org('CRC') }
			: acronym === 'PIN'
				? { id: ctx.users.partner2, role: 'partner', organisationId: org('PIN') }
				: coordinator;
	const field: Actor = { id: ctx.users.field, role: 'field', organisationId: org('IOM') };
	const items = await seedCatalogue(db, coordinator);

	/** A count of `total` persons split over the sex and age cells, a few with disabilities. */
	const people = (total: number, prefix = '') => {
		const shares = {
			f_0_5: 0.07,
			f_6_17: 0.14,
			f_18_59: 0.24,
			f_60: 0.05,
			m_0_5: 0.07,
			m_6_17: 0.14,
			m_18_59: 0.23
		};
		const out: Record<string, number> = {};
		let used = 0;
		for (const [k, s] of Object.entries(shares)) {
			out[`${prefix}${k}`] = Math.floor(total * s);
			used += out[`${prefix}${k}`];
		}
		out[`${prefix}m_60`] = total - used;
		out[`${prefix}disabled`] = Math.floor(total * 0.03);
		return out;
	};

	// Flood sites: one per district of the worst-hit provinces, a population every two days.
	const floodDistricts = FLOOD_DISTRICTS.filter((d) =>
		['KH01', 'KH02', 'KH15'].includes(d.pcode.slice(0, 4))
	);
	const communes = floodCommunes();
	const siteIds: { id: number; pcode: string }[] = [];
	for (const [i, d] of floodDistricts.entries()) {
		const [nameEn, nameKm, kind] = SITE_NAMES[i % SITE_NAMES.length];
		const commune = communes.find((c) => c.districtPcode === d.pcode) ?? null;
		const capacity = int(15, 60) * 10;
		const manager = pick(['CRC', 'IOM', 'NCDM', 'PIN']);
		const site = await createSite(
			db,
			coordinator,
			ctx.responses.flood,
			siteSchema.parse({
				nameEn,
				nameKm,
				kind,
				lon: d.centre[0],
				lat: d.centre[1],
				pcode: commune?.pcode ?? d.pcode,
				capacity,
				// Some sites are crowded below the Sphere 3.5 m² a person.
				coveredAreaM2: Math.round(capacity * (i % 3 === 0 ? 1.8 : 4.2)),
				managingOrganisationId: org(manager),
				status: i % 5 === 4 ? 'closed' : 'open',
				openedOn: '2020-10-09',
				closedOn: i % 5 === 4 ? '2020-10-30' : null,
				waterPoints: int(1, 6),
				latrines: int(2, 12)
			})
		);
		siteIds.push({ id: site.id, pcode: site.pcode ?? d.pcode });
		let persons = Math.round(capacity * (0.3 + r() * 0.3));
		for (let day = 0; day < 16; day += 2) {
			persons = Math.max(0, Math.round(persons * (day < 8 ? 1.1 + r() * 0.15 : 0.92 + r() * 0.08)));
			await addPopulation(
				db,
				manager === 'IOM' ? field : coordinator,
				site.id,
				populationSchema.parse({
					id: seededUuid(ids),
					asOf: `${addDays('2020-10-10', day)}T08:00`,
					households: Math.ceil(persons / 4.4),
					...people(persons)
				})
			);
		}
	}

	async function report(responseId: number, input: ActivityInput, acronym: string, i: number) {
		const actor = partnerOf(acronym);
		const row = await createActivity(
			db,
			actor,
			responseId,
			activitySchema.parse({ ...input, organisationId: org(acronym) })
		);
		// Most rows are validated; some wait for review, a few are drafts or were returned.
		const state = i % 10;
		if (state === 0) return;
		await reviewActivity(db, actor, row.id, { move: 'submit' });
		if (state === 1 || state === 2) return;
		if (state === 3) {
			await reviewActivity(db, coordinator, row.id, {
				move: 'return',
				comment: 'Please split the households reached by commune and add the donor.'
			});
			return;
		}
		await reviewActivity(db, coordinator, row.id, { move: 'validate' });
	}

	for (let i = 0; i < DEMO_FLOOD_ACTIVITIES; i++) {
		const [activityType, modality, lineCodes] = pick(ACTIVITY_PLAN);
		const atSite = activityType === 'site_management' && siteIds.length > 0;
		const site = atSite ? pick(siteIds) : null;
		const commune = pick(
			communes.filter((c) => ['KH01', 'KH02', 'KH15'].includes(c.pcode.slice(0, 4)))
		);
		const targetedHh = int(20, 400);
		const status = pick(['planned', 'ongoing', 'completed', 'completed'] as const);
		const reachedHh = status === 'planned' ? 0 : Math.round(targetedHh * (0.4 + r() * 0.6));
		const start = addDays('2020-10-10', int(0, 45));
		await report(
			ctx.responses.flood,
			{
				activityType,
				modality,
				implementingPartnerId: r() < 0.3 ? org(pick(['LWD', 'Caritas', 'CRC'])) : null,
				donor: pick(DONORS),
				pcode: site ? null : r() < 0.8 ? commune.pcode : commune.districtPcode,
				siteId: site?.id ?? null,
				startDate: start,
				endDate: status === 'completed' ? addDays(start, int(1, 20)) : null,
				status,
				targetedHouseholds: targetedHh,
				...people(Math.round(targetedHh * 4.4), 'targeted_'),
				reachedHouseholds: reachedHh,
				...people(Math.round(reachedHh * 4.4), 'reached_'),
				items:
					status === 'planned'
						? []
						: lineCodes.map((code) => ({
								catalogueId: items[code],
								quantity: reachedHh * (code === 'TARP' ? 2 : 1)
							}))
			},
			pick(PARTNERS),
			i
		);
	}

	// The 2014 return: transit sites at Poipet, full during the peak of the second week.
	const poipet: [string, string, number, number, number][] = [
		['Poipet Transit Centre', 'មជ្ឈមណ្ឌលឆ្លងកាត់ប៉ោយប៉ែត', 102.57, 13.65, 2000],
		['Poipet railway station ground', 'ទីធ្លាស្ថានីយរថភ្លើងប៉ោយប៉ែត', 102.59, 13.64, 1200],
		['Kbal Spean night shelter', 'ជម្រកពេលយប់ក្បាលស្ពាន', 102.6, 13.63, 800]
	];
	for (const [i, [nameEn, nameKm, lon, lat, capacity]] of poipet.entries()) {
		const site = await createSite(
			db,
			coordinator,
			ctx.responses.massReturn,
			siteSchema.parse({
				nameEn,
				nameKm,
				kind: 'transit_centre',
				lon,
				lat,
				pcode: 'KH0110',
				capacity,
				coveredAreaM2: Math.round(capacity * (i === 0 ? 2.2 : 3.8)),
				managingOrganisationId: org(i === 0 ? 'IOM' : i === 1 ? 'CRC' : 'MoSVY'),
				status: 'closed',
				openedOn: '2014-06-12',
				closedOn: '2014-07-05',
				waterPoints: int(4, 10),
				latrines: int(10, 30)
			})
		);
		for (let day = 0; day < 14; day++) {
			const peak = 1 - Math.abs(day - 6) / 8;
			const persons = Math.round(capacity * (0.3 + peak * (0.8 + r() * 0.4)));
			await addPopulation(
				db,
				i === 0 ? field : coordinator,
				site.id,
				populationSchema.parse({
					id: seededUuid(ids),
					asOf: `${addDays('2014-06-12', day)}T20:00`,
					households: Math.ceil(persons / 2.5),
					...people(persons)
				})
			);
		}
	}
	for (let i = 0; i < 24; i++) {
		const [activityType, modality, lineCodes] = pick([
			['site_management', 'service', []],
			['nfi_distribution', 'in_kind', ['BLANKET', 'MOSQNET', 'HYGIENE']],
			['nfi_distribution', 'in_kind', ['SLEEPMAT', 'JERRYCAN']]
		] as [ActivityType, Modality, string[]][]);
		const targetedHh = int(100, 1500);
		const reachedHh = Math.round(targetedHh * (0.6 + r() * 0.4));
		const start = addDays('2014-06-12', int(0, 12));
		await report(
			ctx.responses.massReturn,
			{
				activityType,
				modality,
				donor: pick(DONORS),
				pcode: 'KH0110',
				startDate: start,
				endDate: addDays(start, int(1, 10)),
				status: 'completed',
				targetedHouseholds: targetedHh,
				...people(Math.round(targetedHh * 2.5), 'targeted_'),
				reachedHouseholds: reachedHh,
				...people(Math.round(reachedHh * 2.5), 'reached_'),
				items: lineCodes.map((code) => ({ catalogueId: items[code], quantity: reachedHh }))
			},
			pick(['IOM', 'CRC', 'PIN', 'WVI', 'SCI']),
			i
		);
	}
}
