/** The NFI catalogue: items and kits (bills of materials), global to every response. */
import { and, asc, countDistinct, eq, inArray, ne } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { can, type Actor } from '$lib/domain/policy';
import { type CatalogueEntry, type KitPart } from '$lib/domain/shelter';
import { formatNumber } from '$lib/format';
import type { Db } from '$lib/server/db';
import { first, transaction } from '$lib/server/db/transaction';
import {
	nfiCatalogue,
	nfiKitComponents,
	responses,
	shelterActivities,
	shelterActivityItems,
	type NfiEntry
} from '$lib/server/db/schema';
import { changedFields, recordAudit } from '$lib/server/audit';
import { fieldError, UserError } from '$lib/server/errors';

export type CatalogueRow = NfiEntry & { components: (KitPart & { code: string })[] };

export async function listCatalogue(db: Db): Promise<CatalogueRow[]> {
	const entries = await db
		.select()
		.from(nfiCatalogue)
		.orderBy(asc(nfiCatalogue.kind), asc(nfiCatalogue.code));
	const parts = await db
		.select({
			kitId: nfiKitComponents.kitId,
			itemId: nfiKitComponents.itemId,
			quantity: nfiKitComponents.quantity,
			code: nfiCatalogue.code
		})
		.from(nfiKitComponents)
		.innerJoin(nfiCatalogue, eq(nfiCatalogue.id, nfiKitComponents.itemId));
	return entries.map((e) => ({
		...e,
		components: parts
			.filter((p) => p.kitId === e.id)
			.map((p) => ({ itemId: p.itemId, quantity: p.quantity, code: p.code }))
	}));
}

/** Kit id → its components, for `explodeLines`. */
export async function kitParts(db: Db): Promise<Map<number, KitPart[]>> {
	const out = new Map<number, KitPart[]>();
	for (const p of await db.select().from(nfiKitComponents)) {
		const list = out.get(p.kitId) ?? [];
		list.push({ itemId: p.itemId, quantity: p.quantity });
		out.set(p.kitId, list);
	}
	return out;
}

/** Creates an entry, or replaces entry `id` (its components too). */
export async function saveCatalogueEntry(db: Db, actor: Actor, input: CatalogueEntry, id?: number) {
	if (!can(actor, 'shelter.catalogue.manage')) {
		throw new UserError(m.error_forbidden(), 'forbidden');
	}
	const { components, ...entry } = input;
	return transaction(db, async (tx) => {
		const taken = await first(
			tx
				.select({ id: nfiCatalogue.id })
				.from(nfiCatalogue)
				.where(and(eq(nfiCatalogue.code, entry.code), id ? ne(nfiCatalogue.id, id) : undefined))
		);
		if (taken) throw fieldError('code', m.shel_error_code_taken());
		if (components.length) {
			const ids = components.map((c) => c.itemId);
			const found = await tx
				.select({ id: nfiCatalogue.id, kind: nfiCatalogue.kind })
				.from(nfiCatalogue)
				.where(inArray(nfiCatalogue.id, ids));
			if (found.length !== new Set(ids).size) {
				throw fieldError('components', m.shel_error_catalogue_unknown());
			}
			if (found.some((f) => f.kind !== 'item' || f.id === id)) {
				throw fieldError('components', m.shel_error_kit_in_kit());
			}
		}
		let row: NfiEntry;
		if (id) {
			const before = await first(tx.select().from(nfiCatalogue).where(eq(nfiCatalogue.id, id)));
			if (!before) throw new UserError(m.shel_error_not_found(), 'not_found');
			[row] = await tx.update(nfiCatalogue).set(entry).where(eq(nfiCatalogue.id, id)).returning();
			await tx.delete(nfiKitComponents).where(eq(nfiKitComponents.kitId, id));
			const diff = changedFields(before, entry);
			await recordAudit(tx, {
				userId: actor.id,
				action: 'update',
				entity: 'nfi_catalogue',
				entityId: id,
				before: diff.before,
				after: { ...diff.after, components }
			});
		} else {
			[row] = await tx.insert(nfiCatalogue).values(entry).returning();
			await recordAudit(tx, {
				userId: actor.id,
				action: 'create',
				entity: 'nfi_catalogue',
				entityId: row.id,
				after: { ...entry, components }
			});
		}
		if (components.length) {
			await tx.insert(nfiKitComponents).values(components.map((c) => ({ kitId: row.id, ...c })));
		}
		return row;
	});
}

/**
 * Deletes an item or kit that nothing records. One that a kit lists or an activity gives out is
 * refused, saying where, since deleting it would change what those records mean.
 */
export async function deleteCatalogueEntry(db: Db, actor: Actor, id: number): Promise<NfiEntry> {
	if (!can(actor, 'shelter.catalogue.manage')) {
		throw new UserError(m.error_forbidden(), 'forbidden');
	}
	return transaction(db, async (tx) => {
		const entry = await first(tx.select().from(nfiCatalogue).where(eq(nfiCatalogue.id, id)));
		if (!entry) throw new UserError(m.shel_error_not_found(), 'not_found');
		const kits = await tx
			.select({ code: nfiCatalogue.code })
			.from(nfiKitComponents)
			.innerJoin(nfiCatalogue, eq(nfiCatalogue.id, nfiKitComponents.kitId))
			.where(eq(nfiKitComponents.itemId, id))
			.orderBy(asc(nfiCatalogue.code));
		const activities = await tx
			.select({ name: responses.name, count: countDistinct(shelterActivities.id) })
			.from(shelterActivityItems)
			.innerJoin(shelterActivities, eq(shelterActivities.id, shelterActivityItems.activityId))
			.innerJoin(responses, eq(responses.id, shelterActivities.responseId))
			.where(eq(shelterActivityItems.catalogueId, id))
			.groupBy(responses.id)
			.orderBy(asc(responses.name));
		const uses = [
			...(kits.length
				? [m.shel_catalogue_used_by_kits({ kits: kits.map((k) => k.code).join(', ') })]
				: []),
			...activities.map((a) =>
				m.shel_catalogue_used_by_activities({ response: a.name, count: formatNumber(a.count) })
			)
		];
		if (uses.length) {
			throw new UserError(
				m.shel_catalogue_in_use({ code: entry.code, uses: uses.join('; ') }),
				'conflict'
			);
		}
		// A kit's own parts go with it (the foreign key cascades).
		const parts = await tx
			.select({ itemId: nfiKitComponents.itemId, quantity: nfiKitComponents.quantity })
			.from(nfiKitComponents)
			.where(eq(nfiKitComponents.kitId, id));
		await tx.delete(nfiCatalogue).where(eq(nfiCatalogue.id, id));
		const { createdAt: _c, updatedAt: _u, ...before } = entry;
		await recordAudit(tx, {
			userId: actor.id,
			action: 'delete',
			entity: 'nfi_catalogue',
			entityId: id,
			before: { ...before, components: parts }
		});
		return entry;
	});
}
