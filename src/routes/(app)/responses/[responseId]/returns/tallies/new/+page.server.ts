import { randomUUID } from 'node:crypto';
import { superValidate, message } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { newTallySchema, type NewTallyInput } from '$lib/domain/returns';
import { suggestedDay } from '$lib/domain/dates';
import { formatNumber } from '$lib/format';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid, readForm } from '$lib/server/forms';
import { listProvinces } from '$lib/server/places';
import { listReturnLocations, recordTally } from '$lib/server/returns';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'return.tally.record');
	const { response } = await event.parent();
	const points = await listReturnLocations(event.locals.db, true);
	return {
		form: await blankTally({
			responseId: response.id,
			locationId: points[0]?.id,
			arrivedOn: suggestedDay(response),
			shift: 'morning'
		}),
		points,
		provinces: await listProvinces(event.locals.db)
	};
};

/**
 * An empty tally at a place, day and shift. Its id is made as the form is drawn: a double click
 * or a re-post of this tally saves it once, and the next tally typed in the form is another one.
 */
const blankTally = (
	start: Pick<NewTallyInput, 'responseId' | 'locationId' | 'arrivedOn' | 'shift'>
) => superValidate({ ...start, id: randomUUID() }, zod4(newTallySchema), { errors: false });

export const actions: Actions = {
	default: async (event) => {
		const user = authorize(event, 'return.tally.record');
		const form = await readForm(event.request, zod4(newTallySchema));
		form.data.responseId = Number(event.params.responseId);
		if (!form.valid) return invalid(form);
		try {
			const { outcome, row } = await recordTally(event.locals.db, user, form.data);
			const text =
				outcome === 'created'
					? m.ret_tally_saved({ persons: formatNumber(row.persons) })
					: m.ret_tally_already_saved({ persons: formatNumber(row.persons) });
			// Saved: the form empties, so pressing Save again cannot count the same people twice;
			// the place, day and shift stay for the next count.
			const { responseId, locationId, arrivedOn, shift } = form.data;
			const next = await blankTally({ responseId, locationId, arrivedOn, shift });
			return message(next, { type: 'ok', text: `${text} ${m.ret_tally_next()}` });
		} catch (e) {
			return failWith(form, e);
		}
	}
};
