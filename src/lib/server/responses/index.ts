import { asc, desc, eq, gt } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from '$lib/domain/policy';
import { orderedAreas, type ResponseInput, type ResponseStatus } from '$lib/domain/responses';
import type { Db } from '$lib/server/db';
import { responseProvinces, responses } from '$lib/server/db/schema';
import { changedFields, recordAudit } from '$lib/server/audit';
import { assertPcodes } from '$lib/server/places';
import { UserError } from '$lib/server/errors';

const listed = {
	id: responses.id,
	name: responses.name,
	kind: responses.kind,
	status: responses.status,
	startDate: responses.startDate,
	endDate: responses.endDate,
	areas: responses.areas
};

export function listResponses(db: Db) {
	return db
		.select(listed)
		.from(responses)
		.orderBy(asc(responses.status), desc(responses.startDate))
		.all();
}

/** The API's list: up to `limit` responses after id `after`, in the order they were made. */
export function responsesAfter(db: Db, after: number, limit: number) {
	return db
		.select(listed)
		.from(responses)
		.where(gt(responses.id, after))
		.orderBy(asc(responses.id))
		.limit(limit)
		.all();
}

export function getResponse(db: Db, id: number) {
	const response = db.select().from(responses).where(eq(responses.id, id)).get();
	if (!response) return undefined;
	const provinces = db
		.select({ pcode: responseProvinces.pcode })
		.from(responseProvinces)
		.where(eq(responseProvinces.responseId, id))
		.orderBy(asc(responseProvinces.pcode))
		.all()
		.map((r) => r.pcode);
	return { ...response, provinces };
}
export type ResponseDetail = NonNullable<ReturnType<typeof getResponse>>;

function setProvinces(db: Db, responseId: number, pcodes: string[]) {
	db.delete(responseProvinces).where(eq(responseProvinces.responseId, responseId)).run();
	const unique = [...new Set(pcodes)];
	if (unique.length) {
		db.insert(responseProvinces)
			.values(unique.map((pcode) => ({ responseId, pcode })))
			.run();
	}
}

export function createResponse(db: Db, actor: Actor, input: ResponseInput) {
	return db.transaction((tx) => {
		assertPcodes(
			tx,
			input.provinces.map((pcode) => ({ field: 'provinces', pcode })),
			1
		);
		const { provinces, ...fields } = input;
		const created = tx
			.insert(responses)
			.values({ ...fields, areas: orderedAreas(input.areas), createdBy: actor.id })
			.returning()
			.get();
		setProvinces(tx, created.id, provinces);
		recordAudit(tx, {
			userId: actor.id,
			action: 'create',
			entity: 'responses',
			entityId: created.id,
			responseId: created.id,
			after: { ...created, provinces }
		});
		return created;
	});
}

export function updateResponse(db: Db, actor: Actor, id: number, input: ResponseInput) {
	return db.transaction((tx) => {
		const before = getResponse(tx, id);
		if (!before) throw new UserError(m.error_not_found(), 'not_found');
		assertPcodes(
			tx,
			input.provinces.map((pcode) => ({ field: 'provinces', pcode })),
			1
		);
		const { provinces, ...rest } = input;
		const fields = { ...rest, areas: orderedAreas(input.areas) };
		tx.update(responses).set(fields).where(eq(responses.id, id)).run();
		setProvinces(tx, id, provinces);
		recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'responses',
			entityId: id,
			responseId: id,
			...changedFields(before, { ...fields, provinces })
		});
	});
}

/** Closing keeps everything readable; an end date is set to today if there was none. */
export function setResponseStatus(
	db: Db,
	actor: Actor,
	id: number,
	status: ResponseStatus,
	today: string
) {
	return db.transaction((tx) => {
		const before = getResponse(tx, id);
		if (!before) throw new UserError(m.error_not_found(), 'not_found');
		const change = {
			status,
			endDate: status === 'closed' ? (before.endDate ?? today) : before.endDate
		};
		tx.update(responses).set(change).where(eq(responses.id, id)).run();
		recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'responses',
			entityId: id,
			responseId: id,
			...changedFields(before, change)
		});
	});
}
