import { asc, desc, eq, gt, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from '$lib/domain/policy';
import { orderedAreas, type ResponseInput, type ResponseStatus } from '$lib/domain/responses';
import type { Db } from '$lib/server/db';
import { prepared } from '$lib/server/db/statements';
import { transaction } from '$lib/server/db/transaction';
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

/**
 * Every response for the header's picker, on every signed-in page: its queries, and
 * `getResponse`'s on every page of a response, are built once (`prepared`), not per request.
 */
const everyResponse = (db: Db) =>
	prepared(db, 'responses.list', (d) =>
		d
			.select(listed)
			.from(responses)
			.orderBy(asc(responses.status), desc(responses.startDate))
			.prepare()
	);

export async function listResponses(db: Db) {
	return await everyResponse(db).execute();
}

/** The API's list: up to `limit` responses after id `after`, in the order they were made. */
export async function responsesAfter(db: Db, after: number, limit: number) {
	return await db
		.select(listed)
		.from(responses)
		.where(gt(responses.id, after))
		.orderBy(asc(responses.id))
		.limit(limit);
}

const responseById = (db: Db) =>
	prepared(db, 'responses.byId', (d) =>
		d
			.select()
			.from(responses)
			.where(eq(responses.id, sql.placeholder('id')))
			.limit(1)
			.prepare()
	);

const provincesOf = (db: Db) =>
	prepared(db, 'responses.provinces', (d) =>
		d
			.select({ pcode: responseProvinces.pcode })
			.from(responseProvinces)
			.where(eq(responseProvinces.responseId, sql.placeholder('id')))
			.orderBy(asc(responseProvinces.pcode))
			.prepare()
	);

export async function getResponse(db: Db, id: number) {
	const [response] = await responseById(db).execute({ id });
	if (!response) return undefined;
	const rows = await provincesOf(db).execute({ id });
	return { ...response, provinces: rows.map((r) => r.pcode) };
}
export type ResponseDetail = NonNullable<Awaited<ReturnType<typeof getResponse>>>;

/** Run inside the caller's transaction. */
async function setProvinces(tx: Db, responseId: number, pcodes: string[]) {
	await tx.delete(responseProvinces).where(eq(responseProvinces.responseId, responseId));
	const unique = [...new Set(pcodes)];
	if (unique.length) {
		await tx.insert(responseProvinces).values(unique.map((pcode) => ({ responseId, pcode })));
	}
}

export async function createResponse(db: Db, actor: Actor, input: ResponseInput) {
	return await transaction(db, async (tx) => {
		await assertPcodes(
			tx,
			input.provinces.map((pcode) => ({ field: 'provinces', pcode })),
			1
		);
		const { provinces, ...fields } = input;
		const [created] = await tx
			.insert(responses)
			.values({ ...fields, areas: orderedAreas(input.areas), createdBy: actor.id })
			.returning();
		await setProvinces(tx, created.id, provinces);
		await recordAudit(tx, {
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

export async function updateResponse(db: Db, actor: Actor, id: number, input: ResponseInput) {
	await transaction(db, async (tx) => {
		const before = await getResponse(tx, id);
		if (!before) throw new UserError(m.error_not_found(), 'not_found');
		await assertPcodes(
			tx,
			input.provinces.map((pcode) => ({ field: 'provinces', pcode })),
			1
		);
		const { provinces, ...rest } = input;
		const fields = { ...rest, areas: orderedAreas(input.areas) };
		await tx.update(responses).set(fields).where(eq(responses.id, id));
		await setProvinces(tx, id, provinces);
		await recordAudit(tx, {
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
export async function setResponseStatus(
	db: Db,
	actor: Actor,
	id: number,
	status: ResponseStatus,
	today: string
) {
	await transaction(db, async (tx) => {
		const before = await getResponse(tx, id);
		if (!before) throw new UserError(m.error_not_found(), 'not_found');
		const change = {
			status,
			endDate: status === 'closed' ? (before.endDate ?? today) : before.endDate
		};
		await tx.update(responses).set(change).where(eq(responses.id, id));
		await recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'responses',
			entityId: id,
			responseId: id,
			...changedFields(before, change)
		});
	});
}
