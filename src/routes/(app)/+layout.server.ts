import { requireUser } from '$lib/server/auth/guard';
import { listResponses } from '$lib/server/responses';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => ({
	user: requireUser(event),
	responses: listResponses(event.locals.db)
});
