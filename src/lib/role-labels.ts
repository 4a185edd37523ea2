/**
 * The roles' words, apart from `labels.ts` (which re-exports them): every page's header shows
 * the reader's role, and this keeps the other codes' words out of every page's first load.
 */
import { m } from '$lib/paraglide/messages.js';
import type { Role } from '$lib/domain/plain/accounts';

export const roleLabel: Record<Role, () => string> = {
	admin: m.role_admin,
	coordinator: m.role_coordinator,
	partner: m.role_partner,
	field: m.role_field,
	viewer: m.role_viewer
};
