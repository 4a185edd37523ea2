/**
 * Demo situation reports for the October 2020 floods: nos. 1 and 2 published (their figures
 * frozen from the demo assessments as of their dates), no. 3 a draft still being written.
 */
import { sectorField, sitrepSchema, type SitrepInput } from '$lib/domain/sitreps';
import type { Actor } from '$lib/domain/policy';
import type { RootDb } from '$lib/server/db';
import { transaction } from '$lib/server/db/transaction';
import { createSitrep, publishSitrep } from '$lib/server/sitreps';
import type { SeedContext } from './foundation';

const CONTACTS =
	'HRF secretariat, Phnom Penh: hrf@example.org\nShelter Sector coordinator: shelter@example.org, +855 12 000 000';

const REPORTS: (SitrepInput & { publish: boolean })[] = [
	{
		publish: true,
		asOf: '2020-10-16T18:00',
		periodFrom: '2020-10-08',
		periodTo: '2020-10-16',
		highlights:
			'Flash floods in Battambang, Banteay Meanchey and Pursat after a week of heavy rain.\nទឹកជំនន់ភ្លាមៗនៅខេត្តបាត់ដំបង បន្ទាយមានជ័យ និងពោធិ៍សាត់។',
		overview:
			'Rivers rose from 7 October; villages along the Sangkae and Mongkol Borei rivers are under water. Rapid assessments started on 8 October with the provincial committees.',
		contacts: CONTACTS,
		nextReportOn: '2020-10-23',
		[sectorField('shelter_nfi', 'needs')]:
			'Tarpaulins, family kits and mosquito nets for displaced households.',
		[sectorField('shelter_nfi', 'response')]:
			'CRC and IOM distributed tarpaulins and family kits in Battambang.',
		[sectorField('shelter_nfi', 'gaps')]: 'Villages reached only by boat are not yet served.',
		[sectorField('wash', 'needs')]: 'Safe drinking water; latrines are flooded.',
		[sectorField('wash', 'response')]:
			'Water filters and jerry cans distributed in evacuation sites.',
		[sectorField('wash', 'gaps')]: 'No sanitation in roadside settlements.'
	},
	{
		publish: true,
		asOf: '2020-10-23T18:00',
		periodFrom: '2020-10-17',
		periodTo: '2020-10-23',
		highlights:
			'Water is receding in Battambang; people return home from evacuation sites.\nប្រជាជនចាប់ផ្តើមវិលត្រឡប់ទៅផ្ទះវិញ។',
		overview:
			'Assessments now cover five provinces. Damage to houses is heaviest in Banteay Meanchey.',
		contacts: CONTACTS,
		nextReportOn: '2020-10-30',
		[sectorField('shelter_nfi', 'needs')]: 'Repair kits for damaged houses.',
		[sectorField('shelter_nfi', 'response')]: 'PIN started cash for repairs in Pursat.',
		[sectorField('shelter_nfi', 'gaps')]: 'Repair kits cover a third of damaged houses.',
		[sectorField('health', 'needs')]: 'Dengue and diarrhoea prevention.',
		[sectorField('health', 'response')]: 'Mobile clinics in Mongkol Borei.',
		[sectorField('health', 'gaps')]: 'No clinic reaches the boat-only villages.'
	},
	{
		publish: false,
		asOf: '2020-10-30T18:00',
		periodFrom: '2020-10-24',
		periodTo: '2020-10-30',
		highlights: 'Most evacuation sites have closed.'
	}
];

export async function seedSitreps(db: RootDb, ctx: SeedContext): Promise<void> {
	const coordinator: Actor = {
		id: ctx.users.coordinator,
		role: 'coordinator',
		organisationId: ctx.organisations.IOM
	};
	await transaction(db, async (tx) => {
		for (const { publish, ...input } of REPORTS) {
			const sitrep = await createSitrep(
				tx,
				coordinator,
				ctx.responses.flood,
				sitrepSchema.parse(input)
			);
			if (publish) {
				const at = new Date(sitrep.asOf.getTime() + 3_600_000);
				await publishSitrep(tx, coordinator, sitrep.id, at);
			}
		}
	});
}
