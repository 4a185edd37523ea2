import { redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { apiTokenSchema, changePasswordSchema, languageSchema } from '$lib/domain/accounts';
import { changePassword, setLanguage } from '$lib/server/auth/accounts';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/auth/api-tokens';
import { setLanguageCookie } from '$lib/server/auth/cookies';
import { authorize } from '$lib/server/auth/guard';
import { buttonForm, failWith, invalid } from '$lib/server/forms';
import { can } from '$lib/domain/policy';
import { formIdOf } from '$lib/server/collect/form';
import { collectSettingsQr } from '$lib/server/collect/settings';
import { listResponses } from '$lib/server/responses';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'account.manage');
	return {
		passwordForm: await superValidate(zod4(changePasswordSchema), { id: 'password' }),
		languageForm: await superValidate({ language: user.language }, zod4(languageSchema), {
			id: 'language'
		}),
		tokenForm: await superValidate(zod4(apiTokenSchema), { id: 'token' }),
		tokens: await listApiTokens(event.locals.db, user.id),
		revokeForm: await buttonForm('revoke'),
		// Forms for ODK Collect and KoBo: one per active response, for those who submit assessments.
		collectForms: can(user, 'assessment.submit')
			? (await listResponses(event.locals.db))
					.filter((r) => r.status === 'active')
					.map((r) => ({ name: r.name, formId: formIdOf(r.id) }))
			: null,
		origin: event.url.origin
	};
};

export const actions: Actions = {
	password: async (event) => {
		const user = authorize(event, 'account.manage');
		const form = await superValidate(event.request, zod4(changePasswordSchema), { id: 'password' });
		if (!form.valid) return invalid(form);
		let ended: number;
		try {
			ended = (
				await changePassword(event.locals.db, user, {
					current: form.data.current,
					password: form.data.password,
					keepSessionId: event.locals.sessionId
				})
			).otherSessionsEnded;
		} catch (e) {
			return failWith(form, e);
		}
		return message(form, { type: 'ok', text: m.sec_password_changed({ n: ended }) });
	},
	language: async (event) => {
		const user = authorize(event, 'account.manage');
		const form = await superValidate(event.request, zod4(languageSchema), { id: 'language' });
		if (!form.valid) return invalid(form);
		await setLanguage(event.locals.db, user, form.data.language);
		setLanguageCookie(event.cookies, event.url, form.data.language);
		redirect(303, '/account');
	},
	createToken: async (event) => {
		const user = authorize(event, 'account.manage');
		const form = await superValidate(event.request, zod4(apiTokenSchema), { id: 'token' });
		if (!form.valid) return invalid(form);
		const { token } = await createApiToken(event.locals.db, user, form.data.name, form.data.scopes);
		return { form, createdToken: token };
	},
	/** A write token for ODK Collect, shown once with the QR code that sets up the phone. */
	collectToken: async (event) => {
		const user = authorize(event, 'assessment.submit');
		const { token } = await createApiToken(event.locals.db, user, 'ODK Collect', ['write']);
		const qr = await collectSettingsQr({
			serverUrl: event.url.origin,
			username: user.email,
			password: token
		});
		return { collectSetup: { token, qr } };
	},
	revokeToken: async (event) => {
		const user = authorize(event, 'account.manage');
		const id = Number((await event.request.formData()).get('id'));
		const form = await buttonForm('revoke');
		try {
			await revokeApiToken(event.locals.db, user, Number.isSafeInteger(id) ? id : 0);
		} catch (e) {
			return failWith(form, e);
		}
		return { form };
	}
};
