import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { setPasswordSchema } from '$lib/domain/accounts';
import { findPasswordToken, getUser, setPasswordWithToken } from '$lib/server/auth/accounts';
import { createSession } from '$lib/server/auth/sessions';
import {
	languageChosen,
	setLanguageCookie,
	setLanguageCookieUnlessChosen,
	setSessionCookie
} from '$lib/server/auth/cookies';
import { getLocale } from '$lib/paraglide/runtime.js';
import { failWith, invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, cookies, url }) => {
	const found = await findPasswordToken(locals.db, params.token);
	// The invitation opens in the language the admin chose for the person, unless this device
	// has a choice already; the page is drawn again in it.
	// (Once: a browser that refuses cookies gets the page as it is.)
	const chosen = languageChosen(cookies) || url.searchParams.has('language');
	if (found && found.language !== getLocale() && !chosen) {
		setLanguageCookie(cookies, url, found.language);
		redirect(303, `${url.pathname}?language=${found.language}`);
	}
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
		const { token, session } = await createSession(locals.db, userId);
		setSessionCookie(cookies, url, token, session.expiresAt);
		const user = await getUser(locals.db, userId);
		if (user) setLanguageCookieUnlessChosen(cookies, url, user.language);
		redirect(303, '/');
	}
};
