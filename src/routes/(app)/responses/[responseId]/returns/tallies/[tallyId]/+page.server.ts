import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { tallySchema } from '$lib/domain/returns';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid, readForm } from '$lib/server/forms';
import { listProvinces } from '$lib/server/places';
import { getTally, listReturnLocations, updateTally } from '$lib/server/returns';
import type { Actions, PageServerLoad } from './$types';

async function tallyOf(event: {
	params: { tallyId: string; responseId: string };
	locals: App.Locals;
}) {
	const tally = await getTally(event.locals.db, Number(event.params.tallyId));
	if (!tally || tally.responseId !== Number(event.params.responseId))
		error(404, { message: m.error_not_found(), code: 'not_found' });
	return tally;
}

export const load: PageServerLoad = async (event) => {
	const tally = await tallyOf(event);
	authorize(event, 'return.tally.edit', tally);
	return {
		form: await superValidate(
			{ ...tally, id: tally.clientId ?? undefined, notes: tally.notes ?? undefined },
			zod4(tallySchema),
			{ errors: false }
		),
		points: await listReturnLocations(event.locals.db),
		provinces: await listProvinces(event.locals.db)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const tally = await tallyOf(event);
		const user = authorize(event, 'return.tally.edit', tally);
		const form = await readForm(event.request, zod4(tallySchema));
		form.data.responseId = tally.responseId;
		if (!form.valid) return invalid(form);
		try {
			await updateTally(event.locals.db, user, tally.id, form.data);
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, `/responses/${tally.responseId}/returns/tallies`);
	}
};
