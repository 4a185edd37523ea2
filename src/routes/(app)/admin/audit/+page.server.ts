import { AUDIT_ACTIONS, auditFilterSchema } from '$lib/domain/audit';
import { auditEntities, listAudit } from '$lib/server/audit';
import { auditRecordNames } from '$lib/server/audit/names';
import { listUsers } from '$lib/server/auth/accounts';
import { authorize } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
	authorize(event, 'audit.read');
	const { page, ...filter } = auditFilterSchema.parse(Object.fromEntries(event.url.searchParams));
	const { rows, total } = await listAudit(event.locals.db, filter, {
		limit: PAGE_SIZE,
		offset: (page - 1) * PAGE_SIZE
	});
	const query = new URLSearchParams(event.url.searchParams);
	query.delete('page');
	return {
		query: query.toString(),
		rows,
		names: await auditRecordNames(event.locals.db, rows),
		total,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		filter,
		users: (await listUsers(event.locals.db)).map((u) => ({ id: u.id, name: u.name })),
		entities: await auditEntities(event.locals.db),
		actions: AUDIT_ACTIONS
	};
};
