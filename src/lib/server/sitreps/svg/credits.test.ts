import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { OSM_CREDIT } from '$lib/domain/credits';
import { openTestDb } from '$lib/server/db/testing';
import { adminAreas } from '$lib/server/db/schema';
import { transaction } from '$lib/server/db/transaction';
import { ensureProvinces, fillDefaultProvinceGeometry } from '$lib/server/places/provinces';
import { cell, label, tableLabel } from '../figures';
import { sitrepScenes } from '.';

const both = (text: string) => ({ en: text, km: text });
const crossed = cell(
	'returns',
	tableLabel('returns.by-destination', both('By destination'), both('Province')),
	label('KH02', both('Battambang')),
	label('crossed', both('Crossed')),
	180,
	{ dataset: 'arrivals', filters: {} }
);

async function mapTexts(source: string) {
	const db = await openTestDb();
	await ensureProvinces(db);
	await fillDefaultProvinceGeometry(db);
	await transaction(db, (tx) =>
		tx.update(adminAreas).set({ geometrySource: source }).where(eq(adminAreas.level, 1))
	);
	const [map] = await sitrepScenes(db, [crossed], 'en');
	return map.scene.shapes.flatMap((s) => (s.kind === 'text' ? [s.text] : []));
}

describe('the sitrep’s map', () => {
	it('credits OpenStreetMap under provinces imported from geoBoundaries', async () => {
		expect(await mapTexts('geoBoundaries-KHM-ADM1_simplified.topojson')).toContain(OSM_CREDIT);
	});

	it('owes no such credit for the default Natural Earth provinces', async () => {
		expect(await mapTexts('natural-earth')).not.toContain(OSM_CREDIT);
	});
});
