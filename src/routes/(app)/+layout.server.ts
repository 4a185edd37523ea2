import { requireUser } from '$lib/server/auth/guard';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => ({ user: requireUser(event) });
