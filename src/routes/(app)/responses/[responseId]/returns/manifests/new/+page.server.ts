import { randomUUID } from 'node:crypto';
import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { peopleOf } from '$lib/domain/people';
import { newManifestFormSchema } from '$lib/domain/returns';
import { fromCambodiaTime, todayInCambodia } from '$lib/domain/dates';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid } from '$lib/server/forms';
import { listDistricts, listProvinces } from '$lib/server/places';
import { createManifest, listOperators, listReturnLocations } from '$lib/server/returns';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'manifest.create');
	const { response } = await event.parent();
	const points = await listReturnLocations(event.locals.db, true);
	const day = response.endDate && response.endDate < todayInCambodia() ? response.endDate : null;
	return {
		form: await superValidate(
			{
				// Made as the form is drawn: a double click or a re-post makes one manifest.
				id: randomUUID(),
				responseId: response.id,
				originLocationId: points[0]?.id,
				vehicleKind: 'bus',
				capacity: 45,
				mode: 'named',
				plannedDeparture: day ? fromCambodiaTime(`${day}T08:00`) : new Date()
			},
			zod4(newManifestFormSchema),
			{ errors: false }
		),
		points,
		provinces: await listProvinces(event.locals.db),
		districts: await listDistricts(event.locals.db),
		organisations: await listOperators(event.locals.db)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = authorize(event, 'manifest.create');
		const form = await superValidate(event.request, zod4(newManifestFormSchema));
		form.data.responseId = Number(event.params.responseId);
		if (!form.valid) return invalid(form);
		let id: number;
		try {
			const d = form.data;
			const { row } = await createManifest(event.locals.db, user, {
				...d,
				passengers: [],
				headcount: d.mode === 'headcount' ? peopleOf(d) : undefined
			});
			id = row.id;
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, `/responses/${form.data.responseId}/returns/manifests/${id}`);
	}
};
