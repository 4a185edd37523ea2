import { can } from '$lib/domain/policy';
import { authorize } from '$lib/server/auth/guard';
import { listSitreps, nextNumber } from '$lib/server/sitreps';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'sitrep.read');
	const { response } = await event.parent();
	const db = event.locals.db;
	return {
		sitreps: listSitreps(db, response.id, can(user, 'sitrep.read_draft')),
		next: can(user, 'sitrep.write') ? nextNumber(db, response.id) : null
	};
};
