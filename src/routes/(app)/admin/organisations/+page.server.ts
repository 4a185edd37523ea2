import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { organisationSchema } from '$lib/domain/accounts';
import { createOrganisation, listOrganisations } from '$lib/server/auth/accounts';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'organisation.manage');
	return {
		organisations: await listOrganisations(event.locals.db),
		form: await superValidate(zod4(organisationSchema))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = authorize(event, 'organisation.manage');
		const form = await superValidate(event.request, zod4(organisationSchema));
		if (!form.valid) return invalid(form);
		try {
			const created = await createOrganisation(event.locals.db, user, form.data);
			return message(form, { type: 'ok', text: m.organisation_created({ name: created.name }) });
		} catch (e) {
			return failWith(form, e);
		}
	}
};
