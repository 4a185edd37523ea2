import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { addDays, todayInCambodia } from '$lib/domain/dates';
import { sitrepSchema, toCambodiaTime } from '$lib/domain/sitreps';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid } from '$lib/server/forms';
import { createSitrep, listSitreps, nextNumber, openDraft } from '$lib/server/sitreps';
import type { Actions, PageServerLoad } from './$types';

/** As of now; the period runs on from the last report's (or the response's start) to today. */
export const load: PageServerLoad = async (event) => {
	authorize(event, 'sitrep.write');
	const { response } = await event.parent();
	const db = event.locals.db;
	const [last] = await listSitreps(db, response.id, true);
	const today = todayInCambodia();
	const from = last?.periodTo ? addDays(last.periodTo, 1) : response.startDate;
	return {
		number: await nextNumber(db, response.id),
		/** Another report still a draft: the page points to it instead of a form that would be refused. */
		draft: (await openDraft(db, response.id)) ?? null,
		form: await superValidate(
			{
				asOf: toCambodiaTime(new Date()),
				periodFrom: from <= today ? from : today,
				periodTo: today
			},
			zod4(sitrepSchema),
			{ errors: false }
		)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = authorize(event, 'sitrep.write');
		const form = await superValidate(event.request, zod4(sitrepSchema));
		if (!form.valid) return invalid(form);
		const responseId = Number(event.params.responseId);
		let number: number;
		try {
			number = (await createSitrep(event.locals.db, user, responseId, form.data)).number;
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, `/responses/${responseId}/sitreps/${number}`);
	}
};
