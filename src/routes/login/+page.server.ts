import { redirect } from '@sveltejs/kit';
import { superValidate, message } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { signInSchema } from '$lib/domain/accounts';
import { signIn } from '$lib/server/auth/sign-in';
import { createSession } from '$lib/server/auth/sessions';
import { setLanguageCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

function target(url: URL): string {
	const to = url.searchParams.get('redirectTo') ?? '/';
	return to.startsWith('/') && !to.startsWith('//') ? to : '/';
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, target(url));
	return { form: await superValidate(zod4(signInSchema)) };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await superValidate(event.request, zod4(signInSchema));
		if (!form.valid) return invalid(form);
		const result = await signIn(
			event.locals.db,
			form.data.email,
			form.data.password,
			event.getClientAddress()
		);
		if (!result.ok) {
			form.data.password = '';
			const text = result.reason === 'throttled' ? m.sign_in_throttled() : m.sign_in_wrong();
			return message(
				form,
				{ type: 'error', text },
				{ status: result.reason === 'throttled' ? 429 : 400 }
			);
		}
		const { token, session } = createSession(event.locals.db, result.user.id);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		setLanguageCookie(event.cookies, event.url, result.user.language);
		redirect(303, target(event.url));
	}
};
