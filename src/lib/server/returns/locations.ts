/** Crossing points and transit centres: the `locations` the mass return uses. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { CROSSING_KIND, type ReturnLocationInput } from '$lib/domain/returns';
import { can, type Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { first, transaction } from '$lib/server/db/transaction';
import { locations } from '$lib/server/db/schema';
import { changedFields, recordAudit } from '$lib/server/audit';
import { fieldError, UserError } from '$lib/server/errors';
import { assertPcodes } from '$lib/server/places';
import { RETURN_LOCATION_KINDS } from './common';
import { resummarise } from './tallies';

export async function listReturnLocations(db: Db, activeOnly = false) {
	return db
		.select()
		.from(locations)
		.where(
			and(
				inArray(locations.kind, [...RETURN_LOCATION_KINDS]),
				activeOnly ? eq(locations.active, true) : undefined
			)
		)
		.orderBy(asc(locations.kind), asc(locations.nameEn));
}

export async function saveReturnLocation(
	db: Db,
	actor: Actor,
	input: ReturnLocationInput,
	id?: number
) {
	if (!can(actor, 'location.manage')) throw new UserError(m.error_forbidden(), 'forbidden');
	const { lon, lat, ...rest } = input;
	// The schema requires the point; this narrows the type.
	if (typeof lon !== 'number' || typeof lat !== 'number')
		throw fieldError('lon', m.error_required());
	const values = { ...rest, lon, lat };
	return transaction(db, async (tx) => {
		await assertPcodes(tx, [{ field: 'pcode', pcode: input.pcode }]);
		if (id === undefined) {
			const [row] = await tx.insert(locations).values(values).returning();
			await recordAudit(tx, {
				userId: actor.id,
				action: 'create',
				entity: 'locations',
				entityId: row.id,
				after: values
			});
			return row;
		}
		const before = await first(
			tx
				.select()
				.from(locations)
				.where(and(eq(locations.id, id), inArray(locations.kind, [...RETURN_LOCATION_KINDS])))
		);
		if (!before) throw new UserError(m.error_not_found(), 'not_found');
		const [row] = await tx.update(locations).set(values).where(eq(locations.id, id)).returning();
		// A place's kind says whether its counts are of people crossing: its tallies follow it.
		if (before.kind !== row.kind) {
			if (before.kind === CROSSING_KIND) await resummarise(tx, id, -1);
			if (row.kind === CROSSING_KIND) await resummarise(tx, id, 1);
		}
		await recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'locations',
			entityId: id,
			...changedFields(before, values)
		});
		return row;
	});
}
