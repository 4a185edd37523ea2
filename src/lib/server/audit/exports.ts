/** The `audit` export: the audit log with the audit page's filters, for administrators. */
import { and, asc, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import { isoDate } from '$lib/domain/validation';
import type { Db } from '$lib/server/db';
import { AUDIT_ACTIONS } from '$lib/domain/audit';
import { auditLog, users } from '$lib/server/db/schema';
import type { Dataset, ExportColumn } from '$lib/server/exports/dataset';
import { keysetPages } from '$lib/server/exports/keyset';
import { auditConditions } from '.';

const auditExportFilters = z.object({
	/** Entries about one response; the audit page itself shows every response's. */
	responseId: z.coerce.number().int().positive().optional(),
	userId: z.coerce.number().int().positive().optional(),
	action: z.enum(AUDIT_ACTIONS).optional(),
	entity: z.string().max(50).optional(),
	entityId: z.string().max(100).optional(),
	from: isoDate.optional(),
	to: isoDate.optional()
});
export type AuditExportFilters = z.output<typeof auditExportFilters>;

function page(db: Db, f: AuditExportFilters) {
	const where = and(
		auditConditions(f),
		f.responseId ? eq(auditLog.responseId, f.responseId) : undefined
	);
	return async (after: number | null, limit: number) =>
		await db
			.select({ entry: auditLog, userName: users.name, userEmail: users.email })
			.from(auditLog)
			.leftJoin(users, eq(users.id, auditLog.userId))
			.where(and(where, after ? gt(auditLog.id, after) : undefined))
			.orderBy(asc(auditLog.id))
			.limit(limit);
}
export type AuditExportRow = Awaited<ReturnType<ReturnType<typeof page>>>[number];

const json = (v: object | null) => (v ? JSON.stringify(v) : null);

const AUDIT_COLUMNS: ExportColumn<AuditExportRow>[] = [
	{ header: 'Entry ID', hxl: '#meta+id', value: (r) => r.entry.id },
	{ header: 'At', hxl: '#date+reported', value: (r) => r.entry.at },
	{ header: 'User ID', hxl: '#contact+user+id', value: (r) => r.entry.userId },
	{ header: 'User', hxl: '#contact+name', value: (r) => r.userName },
	{ header: 'User email', hxl: '#contact+email', value: (r) => r.userEmail },
	{ header: 'Action', hxl: '#event+type', value: (r) => r.entry.action },
	{ header: 'Entity', hxl: '#meta+entity', value: (r) => r.entry.entity },
	{ header: 'Entity ID', hxl: '#meta+entity+id', value: (r) => r.entry.entityId },
	{ header: 'Response ID', hxl: '#crisis+id', value: (r) => r.entry.responseId },
	{ header: 'Before', hxl: '#meta+before', value: (r) => json(r.entry.before) },
	{ header: 'After', hxl: '#meta+after', value: (r) => json(r.entry.after) },
	{ header: 'Detail', hxl: '#meta+detail', value: (r) => json(r.entry.detail) }
];

export const auditDataset: Dataset<AuditExportRow, AuditExportFilters> = {
	name: 'audit',
	action: 'audit.read',
	filters: auditExportFilters,
	columns: () => AUDIT_COLUMNS,
	// Names, emails and the changes themselves (which may name people).
	personal: () => true,
	rows: (db, _actor, filters) => keysetPages(page(db, filters), (r) => r.entry.id)
};
