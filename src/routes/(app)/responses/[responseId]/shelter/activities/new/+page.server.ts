import { redirect, type RequestEvent } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { todayInCambodia } from '$lib/domain/dates';
import { activitySchema } from '$lib/domain/shelter';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid, readForm } from '$lib/server/forms';
import { activityFormOptions, createActivity } from '$lib/server/shelter';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'shelter.activity.create', {
		organisationId: event.locals.user?.organisationId
	});
	const { response } = await event.parent();
	return {
		form: await superValidate(
			{
				organisationId: user.organisationId,
				activityType: 'nfi_distribution',
				modality: 'in_kind',
				status: 'ongoing',
				startDate: todayInCambodia(),
				items: []
			},
			zod4(activitySchema),
			{ errors: false }
		),
		...(await activityFormOptions(event.locals.db, user, response.id, response.provinces))
	};
};

async function save(event: RequestEvent, submit: boolean) {
	const user = authorize(event, 'shelter.activity.create', {
		organisationId: event.locals.user?.organisationId
	});
	const form = await readForm(event.request, zod4(activitySchema));
	if (!form.valid) return invalid(form);
	const responseId = Number(event.params.responseId);
	let id: number;
	try {
		id = (await createActivity(event.locals.db, user, responseId, form.data, { submit })).id;
	} catch (e) {
		return failWith(form, e);
	}
	redirect(303, `/responses/${responseId}/shelter/activities/${id}`);
}

export const actions: Actions = {
	save: (event) => save(event, false),
	saveAndSubmit: (event) => save(event, true)
};
