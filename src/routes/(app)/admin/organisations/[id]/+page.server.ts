import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { organisationSchema } from '$lib/domain/accounts';
import { getOrganisation, updateOrganisation } from '$lib/server/auth/accounts';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'organisation.manage');
	const organisation = await getOrganisation(event.locals.db, Number(event.params.id));
	if (!organisation) error(404, { message: m.error_not_found() });
	return {
		organisation,
		form: await superValidate(
			{
				name: organisation.name,
				acronym: organisation.acronym,
				type: organisation.type,
				contactPhone: organisation.contactPhone,
				contactEmail: organisation.contactEmail
			},
			zod4(organisationSchema)
		)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = authorize(event, 'organisation.manage');
		const form = await superValidate(event.request, zod4(organisationSchema));
		if (!form.valid) return invalid(form);
		try {
			await updateOrganisation(event.locals.db, user, Number(event.params.id), form.data);
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, '/admin/organisations');
	}
};
