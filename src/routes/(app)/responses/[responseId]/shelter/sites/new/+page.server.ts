import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { todayInCambodia } from '$lib/domain/dates';
import { siteSchema } from '$lib/domain/shelter';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid } from '$lib/server/forms';
import { createSite, managedOrganisations } from '$lib/server/shelter';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'shelter.site.manage', {
		organisationId: event.locals.user?.organisationId
	});
	return {
		form: await superValidate(
			{ managingOrganisationId: user.organisationId, status: 'open', openedOn: todayInCambodia() },
			zod4(siteSchema),
			{ errors: false }
		),
		organisations: await managedOrganisations(event.locals.db, user)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = authorize(event, 'shelter.site.manage', {
			organisationId: event.locals.user?.organisationId
		});
		const form = await superValidate(event.request, zod4(siteSchema));
		if (!form.valid) return invalid(form);
		let id: number;
		try {
			id = (await createSite(event.locals.db, user, Number(event.params.responseId), form.data)).id;
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, `/responses/${event.params.responseId}/shelter/sites/${id}`);
	}
};
