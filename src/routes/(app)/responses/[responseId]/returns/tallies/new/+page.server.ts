import { superValidate, message } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { tallySchema } from '$lib/domain/returns';
import { todayInCambodia } from '$lib/domain/dates';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid, readForm } from '$lib/server/forms';
import { listProvinces } from '$lib/server/places';
import { listReturnLocations, recordTally } from '$lib/server/returns';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'return.tally.record');
	const { response } = await event.parent();
	const points = listReturnLocations(event.locals.db, true);
	const today = todayInCambodia();
	const day = response.endDate && response.endDate < today ? response.endDate : today;
	return {
		form: await superValidate(
			{ responseId: response.id, locationId: points[0]?.id, arrivedOn: day, shift: 'morning' },
			zod4(tallySchema),
			{ errors: false }
		),
		points,
		provinces: listProvinces(event.locals.db)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = authorize(event, 'return.tally.record');
		const form = await readForm(event.request, zod4(tallySchema));
		form.data.responseId = Number(event.params.responseId);
		if (!form.valid) return invalid(form);
		try {
			const row = recordTally(event.locals.db, user, form.data);
			return message(form, { type: 'ok', text: m.ret_tally_saved({ persons: row.persons }) });
		} catch (e) {
			return failWith(form, e);
		}
	}
};
