/**
 * The demo's foundation: HRF organisations, one account per role, the two reference responses
 * and the border crossing points. Later areas add their data on top (see `./index.ts`).
 */
import type { Role, OrganisationType } from '$lib/domain/accounts';
import type { LocationKind } from '$lib/domain/places';
import { defaultAreas } from '$lib/domain/responses';
import type { Db } from '$lib/server/db';
import { transaction } from '$lib/server/db/transaction';
import {
	locations,
	organisations,
	responseProvinces,
	responses,
	users
} from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/crypto';

export const DEMO_PASSWORD = 'sahakar-demo';

const ORGANISATIONS: { acronym: string; name: string; type: OrganisationType }[] = [
	{ acronym: 'IOM', name: 'International Organization for Migration', type: 'un_agency' },
	{ acronym: 'UNDP', name: 'United Nations Development Programme', type: 'un_agency' },
	{ acronym: 'UNICEF', name: "United Nations Children's Fund", type: 'un_agency' },
	{ acronym: 'WFP', name: 'World Food Programme', type: 'un_agency' },
	{ acronym: 'WHO', name: 'World Health Organization', type: 'un_agency' },
	{ acronym: 'CRC', name: 'Cambodian Red Cross', type: 'red_cross' },
	{ acronym: 'NCDM', name: 'National Committee for Disaster Management', type: 'government' },
	{
		acronym: 'MoSVY',
		name: 'Ministry of Social Affairs, Veterans and Youth Rehabilitation',
		type: 'government'
	},
	{ acronym: 'PIN', name: 'People in Need', type: 'international_ngo' },
	{ acronym: 'Plan', name: 'Plan International Cambodia', type: 'international_ngo' },
	{ acronym: 'WVI', name: 'World Vision International Cambodia', type: 'international_ngo' },
	{ acronym: 'SCI', name: 'Save the Children', type: 'international_ngo' },
	{ acronym: 'CARE', name: 'CARE Cambodia', type: 'international_ngo' },
	{ acronym: 'HFH', name: 'Habitat for Humanity Cambodia', type: 'international_ngo' },
	{ acronym: 'LWD', name: 'Life With Dignity', type: 'ngo' },
	{ acronym: 'Caritas', name: 'Caritas Cambodia', type: 'ngo' }
];

export const DEMO_USERS: { email: string; name: string; role: Role; org: string }[] = [
	{ email: 'admin@demo.sahakar.org', name: 'Sokha Admin', role: 'admin', org: 'IOM' },
	{
		email: 'coordinator@demo.sahakar.org',
		name: 'Dara Coordinator',
		role: 'coordinator',
		org: 'IOM'
	},
	{ email: 'field@demo.sahakar.org', name: 'Vanna Field', role: 'field', org: 'IOM' },
	{ email: 'partner@demo.sahakar.org', name: 'Sophea Partner', role: 'partner', org: 'CRC' },
	{ email: 'partner2@demo.sahakar.org', name: 'Rithy Partner', role: 'partner', org: 'PIN' },
	{ email: 'viewer@demo.sahakar.org', name: 'Malis Viewer', role: 'viewer', org: 'UNDP' }
];

// Approximate coordinates of the border crossings and transit centres of the 2014 return.
const LOCATIONS: {
	key: string;
	kind: LocationKind;
	nameEn: string;
	nameKm: string;
	pcode: string;
	lon: number;
	lat: number;
}[] = [
	{
		key: 'poipet',
		kind: 'border_crossing',
		nameEn: 'Poipet',
		nameKm: 'ប៉ោយប៉ែត',
		pcode: 'KH0110',
		lon: 102.5585,
		lat: 13.6585
	},
	{
		key: 'osmach',
		kind: 'border_crossing',
		nameEn: "O'Smach",
		nameKm: 'អូរស្មាច់',
		pcode: 'KH2204',
		lon: 103.695,
		lat: 14.423
	},
	{
		key: 'chamyeam',
		kind: 'border_crossing',
		nameEn: 'Cham Yeam',
		nameKm: 'ចាំយាម',
		pcode: 'KH0905',
		lon: 102.91,
		lat: 11.645
	},
	{
		key: 'daung',
		kind: 'border_crossing',
		nameEn: 'Daung',
		nameKm: 'ដូង',
		pcode: 'KH0212',
		lon: 102.425,
		lat: 12.96
	},
	{
		key: 'prum',
		kind: 'border_crossing',
		nameEn: 'Prum',
		nameKm: 'ព្រំ',
		pcode: 'KH2401',
		lon: 102.58,
		lat: 12.84
	},
	{
		key: 'choam',
		kind: 'border_crossing',
		nameEn: 'Choam',
		nameKm: 'ជាំ',
		pcode: 'KH2201',
		lon: 104.1,
		lat: 14.36
	},
	{
		key: 'malai',
		kind: 'border_crossing',
		nameEn: 'Malai',
		nameKm: 'ម៉ាឡៃ',
		pcode: 'KH0109',
		lon: 102.358,
		lat: 13.488
	},
	{
		key: 'poipet-tc',
		kind: 'transit_centre',
		nameEn: 'Poipet Transit Centre',
		nameKm: 'មជ្ឈមណ្ឌលស្នាក់នៅបណ្ដោះអាសន្នប៉ោយប៉ែត',
		pcode: 'KH0110',
		lon: 102.57,
		lat: 13.662
	}
];

/** What the later seeds need to refer to: ids by a stable key. */
export interface SeedContext {
	organisations: Record<string, number>;
	users: Record<string, number>;
	responses: { massReturn: number; flood: number };
	locations: Record<string, number>;
}

export async function seedFoundation(db: Db): Promise<SeedContext> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	return await transaction(db, async (tx) => {
		const orgIds: Record<string, number> = {};
		for (const [i, o] of ORGANISATIONS.entries()) {
			// A made-up operations line, what other organisations see instead of a driver.
			const contactPhone = `+855 23 900 ${String(100 + i)}`;
			const contactEmail = `ops@${o.acronym.toLowerCase()}.demo.sahakar.org`;
			const [org] = await tx
				.insert(organisations)
				.values({ ...o, contactPhone, contactEmail })
				.returning({ id: organisations.id });
			orgIds[o.acronym] = org.id;
		}
		const userIds: Record<string, number> = {};
		for (const u of DEMO_USERS) {
			const [user] = await tx
				.insert(users)
				.values({
					email: u.email,
					name: u.name,
					role: u.role,
					organisationId: orgIds[u.org],
					passwordHash
				})
				.returning({ id: users.id });
			userIds[u.role === 'partner' && u.org === 'PIN' ? 'partner2' : u.role] = user.id;
		}
		const [{ id: massReturn }] = await tx
			.insert(responses)
			.values({
				name: 'Mass return from Thailand, June 2014',
				kind: 'mass_return',
				areas: defaultAreas('mass_return'),
				startDate: '2014-06-07',
				endDate: '2014-07-31',
				description:
					'More than 225,000 Cambodian migrants returned from Thailand within two weeks, about 180,000 through Poipet. Needs: transport to home provinces, water, food, health care, night shelter, and identification of victims of trafficking.',
				createdBy: userIds.coordinator
			})
			.returning({ id: responses.id });
		const [{ id: flood }] = await tx
			.insert(responses)
			.values({
				name: 'Floods, October 2020',
				kind: 'flood',
				areas: defaultAreas('flood'),
				startDate: '2020-10-01',
				endDate: '2020-12-31',
				description:
					'Heavy rains from tropical storms flooded 14 provinces; Battambang, Banteay Meanchey and Pursat were worst hit. The Shelter Sector runs rapid assessments, evacuation sites and NFI distributions.',
				createdBy: userIds.coordinator
			})
			.returning({ id: responses.id });
		const provinces = {
			[massReturn]: [
				'KH01',
				'KH02',
				'KH09',
				'KH22',
				'KH24',
				'KH14',
				'KH03',
				'KH20',
				'KH21',
				'KH17'
			],
			[flood]: ['KH02', 'KH01', 'KH15', 'KH17', 'KH24', 'KH22', 'KH04', 'KH06', 'KH13', 'KH12']
		};
		for (const [responseId, pcodes] of Object.entries(provinces)) {
			await tx
				.insert(responseProvinces)
				.values(pcodes.map((pcode) => ({ responseId: Number(responseId), pcode })));
		}
		const locationIds: Record<string, number> = {};
		for (const { key, ...l } of LOCATIONS) {
			const [location] = await tx.insert(locations).values(l).returning({ id: locations.id });
			locationIds[key] = location.id;
		}
		return {
			organisations: orgIds,
			users: userIds,
			responses: { massReturn, flood },
			locations: locationIds
		};
	});
}
