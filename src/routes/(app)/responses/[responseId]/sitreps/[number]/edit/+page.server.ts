import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { formValues, sitrepSchema } from '$lib/domain/sitreps';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid } from '$lib/server/forms';
import { updateSitrep } from '$lib/server/sitreps';
import { sitrepFor } from '../sitrep';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'sitrep.write');
	const { sitrep } = await sitrepFor(event);
	if (sitrep.status === 'published') {
		redirect(303, `/responses/${sitrep.responseId}/sitreps/${sitrep.number}`);
	}
	return {
		number: sitrep.number,
		form: await superValidate(formValues(sitrep), zod4(sitrepSchema))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = authorize(event, 'sitrep.write');
		const { sitrep } = await sitrepFor(event);
		const form = await superValidate(event.request, zod4(sitrepSchema));
		if (!form.valid) return invalid(form);
		try {
			await updateSitrep(event.locals.db, user, sitrep.id, form.data);
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, `/responses/${sitrep.responseId}/sitreps/${sitrep.number}`);
	}
};
