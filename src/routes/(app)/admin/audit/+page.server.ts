import { z } from 'zod';
import { pageNumber } from '$lib/domain/validation';
import { AUDIT_ACTIONS } from '$lib/server/db/schema';
import { auditEntities, listAudit } from '$lib/server/audit';
import { listUsers } from '$lib/server/auth/accounts';
import { authorize } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

const auditFilterSchema = z.object({
	userId: z
		.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional())
		.catch(undefined),
	action: z.preprocess(emptyToUndefined, z.enum(AUDIT_ACTIONS).optional()).catch(undefined),
	entity: z.preprocess(emptyToUndefined, z.string().max(50).optional()).catch(undefined),
	from: z.preprocess(emptyToUndefined, z.iso.date().optional()).catch(undefined),
	to: z.preprocess(emptyToUndefined, z.iso.date().optional()).catch(undefined),
	page: pageNumber
});

export const load: PageServerLoad = (event) => {
	authorize(event, 'audit.read');
	const { page, ...filter } = auditFilterSchema.parse(Object.fromEntries(event.url.searchParams));
	const { rows, total } = listAudit(event.locals.db, filter, {
		limit: PAGE_SIZE,
		offset: (page - 1) * PAGE_SIZE
	});
	const query = new URLSearchParams(event.url.searchParams);
	query.delete('page');
	return {
		query: query.toString(),
		rows,
		total,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		filter,
		users: listUsers(event.locals.db).map((u) => ({ id: u.id, name: u.name })),
		entities: auditEntities(event.locals.db),
		actions: AUDIT_ACTIONS
	};
};
