import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { findUserByEmail, getUser } from '$lib/server/auth/accounts';
import { authorize } from '$lib/server/auth/guard';
import { clearThrottle, listThrottles, type ThrottleEntry } from '$lib/server/auth/throttle';
import type { Db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/** The account behind an entry, when there is one: by email, or by id for the account page. */
function accountOf(db: Db, entry: ThrottleEntry) {
	const user =
		entry.kind === 'account'
			? findUserByEmail(db, entry.value)
			: entry.kind === 'password'
				? getUser(db, Number(entry.value))
				: undefined;
	return user ? { id: user.id, name: user.name, email: user.email } : null;
}

export const load: PageServerLoad = (event) => {
	authorize(event, 'user.manage');
	const db = event.locals.db;
	return {
		entries: listThrottles(db).map((entry) => ({ ...entry, account: accountOf(db, entry) }))
	};
};

const clearForm = z.object({ key: z.string().min(1).max(400) });

export const actions: Actions = {
	clear: async (event) => {
		const actor = authorize(event, 'user.manage');
		const parsed = clearForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success || !clearThrottle(event.locals.db, actor, parsed.data.key)) {
			return fail(404, { error: m.error_not_found() });
		}
		return { cleared: parsed.data.key.split(':').slice(1).join(':') };
	}
};
