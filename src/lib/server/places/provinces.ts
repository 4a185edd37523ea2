import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { transaction } from '$lib/server/db/transaction';
import { adminAreas } from '$lib/server/db/schema';
import { geometryBbox, type AreaGeometry } from '$lib/domain/geometry';
import naturalEarth from './natural-earth-provinces.json';

/**
 * Cambodia's 25 provinces as the NCDD gazetteer names them: facts every install needs, whether
 * or not boundary files have been imported.
 */
export const PROVINCES = [
	{ pcode: 'KH01', iso: 'KH-1', nameEn: 'Banteay Meanchey', nameKm: 'បន្ទាយមានជ័យ' },
	{ pcode: 'KH02', iso: 'KH-2', nameEn: 'Battambang', nameKm: 'បាត់ដំបង' },
	{ pcode: 'KH03', iso: 'KH-3', nameEn: 'Kampong Cham', nameKm: 'កំពង់ចាម' },
	{ pcode: 'KH04', iso: 'KH-4', nameEn: 'Kampong Chhnang', nameKm: 'កំពង់ឆ្នាំង' },
	{ pcode: 'KH05', iso: 'KH-5', nameEn: 'Kampong Speu', nameKm: 'កំពង់ស្ពឺ' },
	{ pcode: 'KH06', iso: 'KH-6', nameEn: 'Kampong Thom', nameKm: 'កំពង់ធំ' },
	{ pcode: 'KH07', iso: 'KH-7', nameEn: 'Kampot', nameKm: 'កំពត' },
	{ pcode: 'KH08', iso: 'KH-8', nameEn: 'Kandal', nameKm: 'កណ្តាល' },
	{ pcode: 'KH09', iso: 'KH-9', nameEn: 'Koh Kong', nameKm: 'កោះកុង' },
	{ pcode: 'KH10', iso: 'KH-10', nameEn: 'Kratie', nameKm: 'ក្រចេះ' },
	{ pcode: 'KH11', iso: 'KH-11', nameEn: 'Mondul Kiri', nameKm: 'មណ្ឌលគិរី' },
	{ pcode: 'KH12', iso: 'KH-12', nameEn: 'Phnom Penh', nameKm: 'ភ្នំពេញ' },
	{ pcode: 'KH13', iso: 'KH-13', nameEn: 'Preah Vihear', nameKm: 'ព្រះវិហារ' },
	{ pcode: 'KH14', iso: 'KH-14', nameEn: 'Prey Veng', nameKm: 'ព្រៃវែង' },
	{ pcode: 'KH15', iso: 'KH-15', nameEn: 'Pursat', nameKm: 'ពោធិ៍សាត់' },
	{ pcode: 'KH16', iso: 'KH-16', nameEn: 'Ratanak Kiri', nameKm: 'រតនគិរី' },
	{ pcode: 'KH17', iso: 'KH-17', nameEn: 'Siem Reap', nameKm: 'សៀមរាប' },
	{ pcode: 'KH18', iso: 'KH-18', nameEn: 'Preah Sihanouk', nameKm: 'ព្រះសីហនុ' },
	{ pcode: 'KH19', iso: 'KH-19', nameEn: 'Stung Treng', nameKm: 'ស្ទឹងត្រែង' },
	{ pcode: 'KH20', iso: 'KH-20', nameEn: 'Svay Rieng', nameKm: 'ស្វាយរៀង' },
	{ pcode: 'KH21', iso: 'KH-21', nameEn: 'Takeo', nameKm: 'តាកែវ' },
	{ pcode: 'KH22', iso: 'KH-22', nameEn: 'Oddar Meanchey', nameKm: 'ឧត្តរមានជ័យ' },
	{ pcode: 'KH23', iso: 'KH-23', nameEn: 'Kep', nameKm: 'កែប' },
	{ pcode: 'KH24', iso: 'KH-24', nameEn: 'Pailin', nameKm: 'ប៉ៃលិន' },
	{ pcode: 'KH25', iso: 'KH-25', nameEn: 'Tboung Khmum', nameKm: 'ត្បូងឃ្មុំ' }
] as const;

/** Marks geometry that is the approximate default rather than an imported official file. */
export const NATURAL_EARTH = 'natural-earth';

/**
 * Adds any missing province and gives provinces without geometry the approximate Natural Earth
 * shape (made by `npm run geodata:build`), so the map works before any import. Never overwrites
 * names or geometry an import has set. Natural Earth predates 2013: Tboung Khmum (KH25) has no
 * shape and Kampong Cham's includes it.
 */
export async function ensureProvinces(db: Db): Promise<void> {
	await transaction(db, async (tx) => {
		await insertProvinces(tx);
		await fillDefaultProvinceGeometry(tx);
	});
}

/** Gives provinces without any shape the approximate Natural Earth one; run it in a transaction. */
export async function fillDefaultProvinceGeometry(tx: Db): Promise<void> {
	for (const p of naturalEarth.provinces) {
		const geometry = p.geometry as AreaGeometry;
		await tx
			.update(adminAreas)
			.set({
				geometry: JSON.stringify(geometry),
				bbox: geometryBbox(geometry),
				geometrySource: NATURAL_EARTH
			})
			.where(and(eq(adminAreas.pcode, p.pcode), isNull(adminAreas.geometry)));
	}
}

async function insertProvinces(tx: Db): Promise<void> {
	await tx
		.insert(adminAreas)
		.values(
			PROVINCES.map((p) => ({
				pcode: p.pcode,
				level: 1,
				parentPcode: null,
				nameEn: p.nameEn,
				nameKm: p.nameKm
			}))
		)
		.onConflictDoNothing({ target: adminAreas.pcode });
}
