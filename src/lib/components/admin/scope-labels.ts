/** Words for API token scopes (the account page), in the reader's language. */
import { m } from '$lib/paraglide/messages.js';
import type { Labels } from '$lib/code-labels';
import type { ApiScope } from '$lib/domain/plain/accounts';

export const apiScopeLabel: Labels<ApiScope> = {
	read: m.tokens_scope_read,
	write: m.tokens_scope_write,
	export: m.tokens_scope_export
};
