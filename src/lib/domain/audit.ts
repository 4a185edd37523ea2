/** What the audit log records, and the audit page's filters. */
import { z } from 'zod';
import { pageNumber, urlFilter } from './validation';

export const AUDIT_ACTIONS = [
	'create',
	'update',
	'delete',
	'sign_in',
	'sign_in_failed',
	'sign_out',
	'export',
	'view_personal',
	'view_names'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The audit page's query: a bad filter is dropped, never an error, since it comes from a URL. */
export const auditFilterSchema = z.object({
	userId: urlFilter(z.coerce.number().int().positive()),
	action: urlFilter(z.enum(AUDIT_ACTIONS)),
	entity: urlFilter(z.string().max(50)),
	from: urlFilter(z.iso.date()),
	to: urlFilter(z.iso.date()),
	page: pageNumber
});
