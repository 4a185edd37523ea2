import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { findUserByEmail, getUser } from '$lib/server/auth/accounts';
import { authorize } from '$lib/server/auth/guard';
import { clearThrottle, listThrottles, type ThrottleEntry } from '$lib/server/auth/throttle';
import type { Db } from '$lib/server/db';
import { UserError } from '$lib/server/errors';
import { buttonForm, failWith } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** The account behind an entry, when there is one: by email, or by id for the account page. */
async function accountOf(db: Db, entry: ThrottleEntry) {
	const user =
		entry.kind === 'account'
			? await findUserByEmail(db, entry.value)
			: entry.kind === 'password'
				? await getUser(db, Number(entry.value))
				: undefined;
	return user ? { id: user.id, name: user.name, email: user.email } : null;
}

export const load: PageServerLoad = async (event) => {
	authorize(event, 'user.manage');
	const db = event.locals.db;
	const entries = [];
	for (const entry of await listThrottles(db)) {
		entries.push({ ...entry, account: await accountOf(db, entry) });
	}
	return {
		entries,
		clearForm: await buttonForm('clear')
	};
};

const clearKey = z.string().min(1).max(400);

export const actions: Actions = {
	clear: async (event) => {
		const actor = authorize(event, 'user.manage');
		const form = await buttonForm('clear');
		const key = clearKey.safeParse((await event.request.formData()).get('key'));
		try {
			// A key the list never showed is an entry that is not there.
			if (!key.success) throw new UserError(m.sec_locks_gone(), 'not_found');
			await clearThrottle(event.locals.db, actor, key.data);
			return { form, cleared: key.data.split(':').slice(1).join(':') };
		} catch (e) {
			return failWith(form, e);
		}
	}
};
