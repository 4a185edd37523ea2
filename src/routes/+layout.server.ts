import { listResponses } from '$lib/server/responses';
import type { LayoutServerLoad } from './$types';

/**
 * The signed-in user (nothing secret is on it) and the responses for the header's picker, or
 * null and none on the public pages. Loaded here rather than in the app's group so the error
 * page, which renders under this layout only, can show the same header and menu.
 */
export const load: LayoutServerLoad = async ({ locals }) => ({
	user: locals.user,
	responses: locals.user ? await listResponses(locals.db) : []
});
