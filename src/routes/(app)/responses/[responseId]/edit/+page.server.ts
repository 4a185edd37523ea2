import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { responseSchema } from '$lib/domain/responses';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid } from '$lib/server/forms';
import { listProvinces } from '$lib/server/places';
import { updateResponse } from '$lib/server/responses';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'response.update');
	const { response } = await event.parent();
	return {
		form: await superValidate(
			{
				name: response.name,
				kind: response.kind,
				startDate: response.startDate,
				endDate: response.endDate ?? undefined,
				description: response.description ?? undefined,
				provinces: response.provinces,
				areas: response.areas
			},
			zod4(responseSchema)
		),
		provinces: await listProvinces(event.locals.db)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = authorize(event, 'response.update');
		const form = await superValidate(event.request, zod4(responseSchema));
		if (!form.valid) return invalid(form);
		try {
			await updateResponse(event.locals.db, user, Number(event.params.responseId), form.data);
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, `/responses/${event.params.responseId}`);
	}
};
