import type { LayoutServerLoad } from './$types';

/** The signed-in user (nothing secret is on it), or null on the public pages. */
export const load: LayoutServerLoad = ({ locals }) => ({ user: locals.user });
