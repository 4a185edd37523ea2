import { can } from '$lib/domain/policy';
import { authorize } from '$lib/server/auth/guard';
import { listResponses } from '$lib/server/responses';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'response.read');
	return {
		list: await listResponses(event.locals.db),
		canCreate: can(user, 'response.create')
	};
};
