import { can } from '$lib/domain/policy';
import { authorize } from '$lib/server/auth/guard';
import { listSitreps, nextNumber, openDraft } from '$lib/server/sitreps';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'sitrep.read');
	const { response } = await event.parent();
	const db = event.locals.db;
	const writes = can(user, 'sitrep.write');
	// One draft at a time: while one is open, it is finished (or deleted) before the next.
	const draft = writes ? ((await openDraft(db, response.id)) ?? null) : null;
	return {
		sitreps: await listSitreps(db, response.id, can(user, 'sitrep.read_draft')),
		draft,
		next: writes && !draft ? await nextNumber(db, response.id) : null
	};
};
