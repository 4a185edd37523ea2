import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { userSchema, type Role } from '$lib/domain/accounts';
import { createUser, listOrganisations, listUsers } from '$lib/server/auth/accounts';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'user.manage');
	const form = await superValidate(zod4(userSchema));
	// The select starts on "Choose…", not on the schema's first role (administrator).
	form.data.role = '' as Role;
	return {
		users: await listUsers(event.locals.db),
		organisations: await listOrganisations(event.locals.db),
		form
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = authorize(event, 'user.manage');
		const form = await superValidate(event.request, zod4(userSchema));
		if (!form.valid) return invalid(form);
		try {
			const { user, passwordToken } = await createUser(event.locals.db, actor, form.data);
			return {
				form,
				created: {
					id: user.id,
					name: user.name,
					link: `${event.url.origin}/set-password/${passwordToken}`
				}
			};
		} catch (e) {
			return failWith(form, e);
		}
	}
};
