import type { ApiScope } from '$lib/domain/accounts';
import type { SessionUser } from '$lib/server/auth/sessions';
import type { RootDb } from '$lib/server/db';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
			/** For an unexpected error: the reference it was logged under, to quote to an admin. */
			id?: string;
		}
		interface Locals {
			db: RootDb;
			user: SessionUser | null;
			/** The session's id (a hash), when signed in through the browser. */
			sessionId: string | null;
			/** Set when the request came with an API token: what it may do. */
			apiScopes: ApiScope[] | null;
		}
		namespace Superforms {
			/** The one line above a form: what went wrong, or that it worked. */
			type Message = { type: 'error' | 'ok'; text: string };
		}
	}
}

export {};
