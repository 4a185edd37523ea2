import { randomUUID } from 'node:crypto';
import { superValidate, message } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { newTallySchema } from '$lib/domain/returns';
import { suggestedDay } from '$lib/domain/dates';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid, readForm } from '$lib/server/forms';
import { listProvinces } from '$lib/server/places';
import { listReturnLocations, recordTally } from '$lib/server/returns';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'return.tally.record');
	const { response } = await event.parent();
	const points = listReturnLocations(event.locals.db, true);
	return {
		form: await superValidate(
			{
				// Made as the form is drawn: a double click or a re-post of this tally saves it once.
				id: randomUUID(),
				responseId: response.id,
				locationId: points[0]?.id,
				arrivedOn: suggestedDay(response),
				shift: 'morning'
			},
			zod4(newTallySchema),
			{ errors: false }
		),
		points,
		provinces: listProvinces(event.locals.db)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = authorize(event, 'return.tally.record');
		const form = await readForm(event.request, zod4(newTallySchema));
		form.data.responseId = Number(event.params.responseId);
		if (!form.valid) return invalid(form);
		try {
			const { outcome, row } = recordTally(event.locals.db, user, form.data);
			// The next tally typed in this form is another one: it gets its own id.
			form.data.id = randomUUID();
			const text =
				outcome === 'created'
					? m.ret_tally_saved({ persons: row.persons })
					: m.ret_tally_already_saved({ persons: row.persons });
			return message(form, { type: 'ok', text });
		} catch (e) {
			return failWith(form, e);
		}
	}
};
