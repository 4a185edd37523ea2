import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '$lib/server/db/schema';
import { refused } from '$lib/server/testing';
import { createActivity, deleteCatalogueEntry, listCatalogue, saveCatalogueEntry } from '.';
import { activitySample, shelterWorld, type ShelterWorld } from './testing';

let w: ShelterWorld;
beforeEach(async () => {
	w = await shelterWorld();
});

const codes = async () => (await listCatalogue(w.db)).map((c) => c.code);
const deletions = (id: number) =>
	w.db
		.select()
		.from(auditLog)
		.where(
			and(
				eq(auditLog.entity, 'nfi_catalogue'),
				eq(auditLog.action, 'delete'),
				eq(auditLog.entityId, String(id))
			)
		);

describe('deleting catalogue entries', () => {
	it('deletes a kit nothing gives out, its parts with it, and audits what it was', async () => {
		await deleteCatalogueEntry(w.db, w.coordinator, w.familyKit);
		expect(await codes()).toEqual(['BLANKET', 'TARP']);
		const [audit] = await deletions(w.familyKit);
		expect(audit.userId).toBe(w.coordinator.id);
		expect(audit.before).toMatchObject({
			code: 'FAMILY',
			kind: 'kit',
			components: [
				{ itemId: w.tarp, quantity: 1 },
				{ itemId: w.blanket, quantity: 2 }
			]
		});
		// Its items were only listed by it: now they can go too.
		await deleteCatalogueEntry(w.db, w.coordinator, w.tarp);
		expect(await codes()).toEqual(['BLANKET']);
	});

	it('refuses an item a kit lists, naming the kit, and keeps everything', async () => {
		const e = await refused(() => deleteCatalogueEntry(w.db, w.coordinator, w.tarp));
		expect(e.code).toBe('conflict');
		expect(e.message).toBe('TARP cannot be deleted while it is used: in the kits FAMILY.');
		expect(await codes()).toEqual(['BLANKET', 'TARP', 'FAMILY']);
		expect((await listCatalogue(w.db)).find((c) => c.code === 'FAMILY')?.components).toHaveLength(
			2
		);
		expect(await deletions(w.tarp)).toEqual([]);
	});

	it('refuses an entry an activity gives out, saying which response and how many activities', async () => {
		for (let i = 0; i < 2; i++) {
			await createActivity(
				w.db,
				w.partner,
				w.responseId,
				activitySample({ items: [{ catalogueId: w.familyKit, quantity: 10 }] })
			);
		}
		const kit = await refused(() => deleteCatalogueEntry(w.db, w.coordinator, w.familyKit));
		expect(kit.message).toBe(
			'FAMILY cannot be deleted while it is used: in 4W activities of Floods (2).'
		);

		const tarp = await refused(() => deleteCatalogueEntry(w.db, w.coordinator, w.tarp));
		expect(tarp.message).toBe('TARP cannot be deleted while it is used: in the kits FAMILY.');
		expect(await codes()).toEqual(['BLANKET', 'TARP', 'FAMILY']);
	});

	it('lets only those who manage the catalogue delete, and says when the entry is gone', async () => {
		const loose = (
			await saveCatalogueEntry(w.db, w.coordinator, {
				kind: 'item',
				code: 'ROPE',
				nameEn: 'Rope',
				nameKm: 'ខ្សែពួរ',
				unit: 'piece',
				standardQty: 0,
				standardPer: 'household',
				components: []
			})
		).id;
		expect((await refused(() => deleteCatalogueEntry(w.db, w.partner, loose))).code).toBe(
			'forbidden'
		);
		expect(await codes()).toContain('ROPE');
		await deleteCatalogueEntry(w.db, w.coordinator, loose);
		expect((await refused(() => deleteCatalogueEntry(w.db, w.coordinator, loose))).code).toBe(
			'not_found'
		);
		expect(await deletions(loose)).toHaveLength(1);
	});
});
