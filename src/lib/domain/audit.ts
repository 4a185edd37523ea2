/** What the audit log records, and the audit page's filters. */
import { z } from 'zod';
import { pageNumber } from './validation';

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

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** The audit page's query: a bad filter is dropped, never an error, since it comes from a URL. */
export const auditFilterSchema = z.object({
	userId: z
		.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional())
		.catch(undefined),
	action: z.preprocess(emptyToUndefined, z.enum(AUDIT_ACTIONS).optional()).catch(undefined),
	entity: z.preprocess(emptyToUndefined, z.string().max(50).optional()).catch(undefined),
	from: z.preprocess(emptyToUndefined, z.iso.date().optional()).catch(undefined),
	to: z.preprocess(emptyToUndefined, z.iso.date().optional()).catch(undefined),
	page: pageNumber
});
