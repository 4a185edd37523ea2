import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { defaultAreas, responseSchema } from '$lib/domain/responses';
import { todayInCambodia } from '$lib/domain/dates';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid } from '$lib/server/forms';
import { listProvinces } from '$lib/server/places';
import { createResponse } from '$lib/server/responses';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'response.create');
	return {
		form: await superValidate(
			{ startDate: todayInCambodia(), kind: 'flood', areas: defaultAreas('flood') },
			zod4(responseSchema),
			{
				errors: false
			}
		),
		provinces: await listProvinces(event.locals.db)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = authorize(event, 'response.create');
		const form = await superValidate(event.request, zod4(responseSchema));
		if (!form.valid) return invalid(form);
		let id: number;
		try {
			id = (await createResponse(event.locals.db, user, form.data)).id;
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, `/responses/${id}`);
	}
};
