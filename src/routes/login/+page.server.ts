import { redirect } from '@sveltejs/kit';
import { superValidate, message } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { signInSchema } from '$lib/domain/accounts';
import { signIn } from '$lib/server/auth/sign-in';
import { createSession } from '$lib/server/auth/sessions';
import { DEVICE_COOKIE } from '$lib/server/auth/devices';
import { waitText } from '$lib/server/auth/throttle';
import {
	setDeviceCookie,
	setLanguageCookieUnlessChosen,
	setSessionCookie
} from '$lib/server/auth/cookies';
import { invalid } from '$lib/server/forms';
import { sameOriginPath } from '$lib/server/http/redirect';
import type { Actions, PageServerLoad } from './$types';

const target = (url: URL) => sameOriginPath(url.searchParams.get('redirectTo'), url);

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, target(url));
	return { form: await superValidate(zod4(signInSchema)) };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await superValidate(event.request, zod4(signInSchema));
		if (!form.valid) return invalid(form);
		const result = await signIn(event.locals.db, {
			email: form.data.email,
			password: form.data.password,
			address: event.getClientAddress(),
			device: event.cookies.get(DEVICE_COOKIE)
		});
		if (!result.ok) {
			form.data.password = '';
			if (result.reason === 'throttled') {
				event.setHeaders({ 'retry-after': String(Math.ceil(result.retryAfterMs / 1000)) });
				const text = m.sec_sign_in_throttled({ wait: waitText(result.retryAfterMs) });
				return message(form, { type: 'error', text }, { status: 429 });
			}
			return message(form, { type: 'error', text: m.sign_in_wrong() }, { status: 400 });
		}
		const { token, session } = await createSession(event.locals.db, result.user.id);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		setDeviceCookie(event.cookies, event.url, result.device);
		setLanguageCookieUnlessChosen(event.cookies, event.url, result.user.language);
		redirect(303, target(event.url));
	}
};
