import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { userEditSchema } from '$lib/domain/accounts';
import {
	getUser,
	issuePasswordToken,
	listOrganisations,
	setUserDisabled,
	updateUser
} from '$lib/server/auth/accounts';
import { authorize } from '$lib/server/auth/guard';
import { buttonForm, failWith, invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'user.manage');
	const user = await getUser(event.locals.db, Number(event.params.id));
	if (!user) error(404, { message: m.error_not_found() });
	const { passwordHash, ...account } = user;
	return {
		account: { ...account, hasPassword: passwordHash !== null },
		organisations: await listOrganisations(event.locals.db),
		form: await superValidate(
			{ name: user.name, role: user.role, organisationId: user.organisationId },
			zod4(userEditSchema)
		),
		accessForm: await buttonForm('access')
	};
};

function statusAction(disabled: boolean): Actions[string] {
	return async (event) => {
		const actor = authorize(event, 'user.manage');
		const form = await buttonForm('access');
		try {
			await setUserDisabled(event.locals.db, actor, Number(event.params.id), disabled);
		} catch (e) {
			return failWith(form, e);
		}
		return { form };
	};
}

export const actions: Actions = {
	update: async (event) => {
		const actor = authorize(event, 'user.manage');
		const form = await superValidate(event.request, zod4(userEditSchema));
		if (!form.valid) return invalid(form);
		try {
			await updateUser(event.locals.db, actor, Number(event.params.id), form.data);
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, '/admin/users');
	},
	disable: statusAction(true),
	enable: statusAction(false),
	link: async (event) => {
		const actor = authorize(event, 'user.manage');
		const id = Number(event.params.id);
		if (!(await getUser(event.locals.db, id))) error(404, { message: m.error_not_found() });
		const token = await issuePasswordToken(event.locals.db, actor, id);
		return { link: `${event.url.origin}/set-password/${token}` };
	}
};
