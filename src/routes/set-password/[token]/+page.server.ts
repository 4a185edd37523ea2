import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { setPasswordSchema } from '$lib/domain/accounts';
import { findPasswordToken, getUser, setPasswordWithToken } from '$lib/server/auth/accounts';
import { createSession } from '$lib/server/auth/sessions';
import { setLanguageCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { failWith, invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const found = findPasswordToken(locals.db, params.token);
	return {
		account: found ? { name: found.name, email: found.email } : null,
		form: await superValidate(zod4(setPasswordSchema))
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params, cookies, url }) => {
		const form = await superValidate(request, zod4(setPasswordSchema));
		if (!form.valid) return invalid(form);
		let userId: number;
		try {
			userId = await setPasswordWithToken(locals.db, params.token, form.data.password);
		} catch (e) {
			return failWith(form, e);
		}
		// The link proved who they are: sign them in straight away.
		const { token, session } = createSession(locals.db, userId);
		setSessionCookie(cookies, url, token, session.expiresAt);
		const user = getUser(locals.db, userId);
		if (user) setLanguageCookie(cookies, url, user.language);
		redirect(303, '/');
	}
};
