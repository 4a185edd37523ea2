import { redirect } from '@sveltejs/kit';
import { languageSchema } from '$lib/domain/accounts';
import { setLanguage } from '$lib/server/auth/accounts';
import { markLanguageChosen, setLanguageCookie } from '$lib/server/auth/cookies';
import { sameOriginPath } from '$lib/server/http/redirect';
import type { RequestHandler } from './$types';

/** The language switch in the header: remembered by cookie, and on the account when signed in. */
export const POST: RequestHandler = async ({ request, cookies, url, locals }) => {
	// Something other than a form (a script, a fuzzer) just goes home.
	const form = await request.formData().catch(() => new FormData());
	const parsed = languageSchema.safeParse({ language: form.get('language') });
	if (parsed.success) {
		setLanguageCookie(cookies, url, parsed.data.language);
		if (locals.user) await setLanguage(locals.db, locals.user, parsed.data.language);
		else markLanguageChosen(cookies, url);
	}
	redirect(303, sameOriginPath(form.get('redirectTo'), url));
};
