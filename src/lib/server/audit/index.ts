import { and, desc, eq, getTableColumns, gte, lt, sql, type SQL } from 'drizzle-orm';
import { addDays, fromCambodiaTime } from '$lib/domain/dates';
import type { Db } from '$lib/server/db';
import {
	placeholders,
	prepared,
	rowPlaceholders,
	rowsWithDefaults,
	withDefaults
} from '$lib/server/db/statements';
import { first, inOpenTransaction, transaction } from '$lib/server/db/transaction';
import type { AuditAction } from '$lib/domain/audit';
import { auditLog, users } from '$lib/server/db/schema';

export interface AuditInput {
	userId: number | null;
	action: AuditAction;
	entity: string;
	entityId?: string | number | null;
	responseId?: number | null;
	before?: object | null;
	after?: object | null;
	detail?: Record<string, unknown> | null;
}

/** Never keep secrets in the log, whatever the caller passes. */
const SECRET_KEYS = new Set(['passwordHash', 'password', 'tokenHash', 'token']);

function scrub(value: object | null | undefined): Record<string, unknown> | null {
	if (!value) return null;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([k]) => !SECRET_KEYS.has(k))
			.map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])
	);
}

/** An event as its row's values. */
const eventRow = (e: AuditInput) => ({
	userId: e.userId,
	action: e.action,
	entity: e.entity,
	entityId: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
	responseId: e.responseId ?? null,
	before: scrub(e.before),
	after: scrub(e.after),
	detail: e.detail ?? null
});

/** Every column but the numbered `id`: what the prepared insert fills. */
const { id: _id, ...INSERTED } = getTableColumns(auditLog);

/** The insert of one event, built once (`prepared`): most writes record one. */
const insertEvent = (db: Db) =>
	prepared(db, 'audit.insert', (d) =>
		d
			.insert(auditLog)
			.values(placeholders(INSERTED) as unknown as typeof auditLog.$inferInsert)
			.prepare()
	);

/**
 * Records one event. Call it inside the transaction that makes the change, so the change and
 * its record land together or not at all (there it is one insert; alone, a transaction of its own).
 */
export async function recordAudit(db: Db, e: AuditInput): Promise<void> {
	const row = withDefaults(INSERTED, eventRow(e));
	if (inOpenTransaction(db)) await insertEvent(db).execute(row);
	else await transaction(db, (tx) => insertEvent(tx).execute(row));
}

/**
 * Records several events in one insert, inside the open transaction that makes their changes (a
 * batch of field submissions): one statement where `recordAudit` for each would be as many.
 */
export async function recordAudits(tx: Db, events: AuditInput[]): Promise<void> {
	if (!events.length) return;
	if (!inOpenTransaction(tx)) throw new Error('recordAudits runs inside the changes’ transaction');
	const n = events.length;
	const insert = prepared(tx, `audit.insertMany.${n}`, (d) =>
		d
			.insert(auditLog)
			.values(
				Array.from(
					{ length: n },
					(_, i) => rowPlaceholders(INSERTED, i) as unknown as typeof auditLog.$inferInsert
				)
			)
			.prepare()
	);
	await insert.execute(rowsWithDefaults(INSERTED, events.map(eventRow)));
}

/** Only the fields that changed, for a readable before/after. */
export function changedFields<T extends object>(
	before: T,
	after: Partial<T>
): { before: Partial<T>; after: Partial<T> } {
	const b: Partial<T> = {};
	const a: Partial<T> = {};
	for (const key of Object.keys(after) as (keyof T)[]) {
		const was = before[key];
		const now = after[key];
		const same =
			was instanceof Date && now instanceof Date
				? was.getTime() === now.getTime()
				: JSON.stringify(was) === JSON.stringify(now);
		if (!same) {
			b[key] = was;
			a[key] = now as T[keyof T];
		}
	}
	return { before: b, after: a };
}

export interface AuditFilter {
	userId?: number;
	action?: AuditAction;
	entity?: string;
	entityId?: string;
	/** Inclusive, YYYY-MM-DD (UTC days). */
	from?: string;
	/** Inclusive, YYYY-MM-DD. */
	to?: string;
}

export function auditConditions(f: AuditFilter): SQL | undefined {
	const conditions: SQL[] = [];
	if (f.userId) conditions.push(eq(auditLog.userId, f.userId));
	if (f.action) conditions.push(eq(auditLog.action, f.action));
	if (f.entity) conditions.push(eq(auditLog.entity, f.entity));
	if (f.entityId) conditions.push(eq(auditLog.entityId, f.entityId));
	// Days are Cambodia's: a day runs from its midnight there to the next.
	if (f.from) conditions.push(gte(auditLog.at, fromCambodiaTime(`${f.from}T00:00`)));
	if (f.to) conditions.push(lt(auditLog.at, fromCambodiaTime(`${addDays(f.to, 1)}T00:00`)));
	return conditions.length ? and(...conditions) : undefined;
}

export async function listAudit(db: Db, f: AuditFilter, page = { limit: 50, offset: 0 }) {
	const where = auditConditions(f);
	const rows = await db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			action: auditLog.action,
			entity: auditLog.entity,
			entityId: auditLog.entityId,
			responseId: auditLog.responseId,
			before: auditLog.before,
			after: auditLog.after,
			detail: auditLog.detail,
			userId: auditLog.userId,
			userName: users.name,
			userEmail: users.email
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.userId))
		.where(where)
		.orderBy(desc(auditLog.id))
		.limit(page.limit)
		.offset(page.offset);
	const total = await first(
		db
			.select({ n: sql<number>`count(*)` })
			.from(auditLog)
			.where(where)
	);
	return { rows, total: total?.n ?? 0 };
}

export async function auditEntities(db: Db): Promise<string[]> {
	const rows = await db
		.selectDistinct({ entity: auditLog.entity })
		.from(auditLog)
		.orderBy(auditLog.entity);
	return rows.map((r) => r.entity);
}
