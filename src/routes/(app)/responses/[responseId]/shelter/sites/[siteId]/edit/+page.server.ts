import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { siteSchema } from '$lib/domain/shelter';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid } from '$lib/server/forms';
import { getSite, managedOrganisations, updateSite } from '$lib/server/shelter';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function siteOf(event: Pick<RequestEvent, 'locals' | 'params'>) {
	const found = await getSite(event.locals.db, Number(event.params.siteId));
	if (!found || found.site.responseId !== Number(event.params.responseId)) {
		error(404, { message: m.error_not_found(), code: 'not_found' });
	}
	return found.site;
}

export const load: PageServerLoad = async (event) => {
	const site = await siteOf(event);
	const user = authorize(event, 'shelter.site.manage', {
		organisationId: site.managingOrganisationId
	});
	return {
		site,
		form: await superValidate(
			{ ...site, pcode: site.pcode ?? '', closedOn: site.closedOn ?? '' },
			zod4(siteSchema)
		),
		organisations: await managedOrganisations(event.locals.db, user)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const site = await siteOf(event);
		const user = authorize(event, 'shelter.site.manage', {
			organisationId: site.managingOrganisationId
		});
		const form = await superValidate(event.request, zod4(siteSchema));
		if (!form.valid) return invalid(form);
		try {
			await updateSite(event.locals.db, user, site.id, form.data);
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, `/responses/${event.params.responseId}/shelter/sites/${site.id}`);
	}
};
