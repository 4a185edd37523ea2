import { redirect } from '@sveltejs/kit';
import { languageSchema } from '$lib/domain/accounts';
import { setLanguage } from '$lib/server/auth/accounts';
import { setLanguageCookie } from '$lib/server/auth/cookies';
import type { RequestHandler } from './$types';

/** Only paths on this site: never an open redirect. */
function safeRedirect(target: FormDataEntryValue | null): string {
	const value = typeof target === 'string' ? target : '/';
	return value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/** The language switch in the header: remembered by cookie, and on the account when signed in. */
export const POST: RequestHandler = async ({ request, cookies, url, locals }) => {
	const form = await request.formData();
	const parsed = languageSchema.safeParse({ language: form.get('language') });
	if (parsed.success) {
		setLanguageCookie(cookies, url, parsed.data.language);
		if (locals.user) setLanguage(locals.db, locals.user, parsed.data.language);
	}
	redirect(303, safeRedirect(form.get('redirectTo')));
};
