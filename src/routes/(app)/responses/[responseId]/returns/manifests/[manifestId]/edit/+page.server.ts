import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { peopleColumns, peopleOf } from '$lib/domain/people';
import { isLoading, manifestFormSchema } from '$lib/domain/returns';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid } from '$lib/server/forms';
import { listDistricts, listProvinces } from '$lib/server/places';
import {
	findManifest,
	listOperators,
	listReturnLocations,
	updateManifest
} from '$lib/server/returns';
import type { Actions, PageServerLoad } from './$types';

async function manifestOf(event: {
	params: { manifestId: string; responseId: string };
	locals: App.Locals;
}) {
	const row = await findManifest(event.locals.db, Number(event.params.manifestId));
	if (!row || row.responseId !== Number(event.params.responseId))
		error(404, { message: m.error_not_found(), code: 'not_found' });
	return row;
}

/** Vehicle, driver, destination, departure and a headcount: correctable until the vehicle leaves. */
export const load: PageServerLoad = async (event) => {
	const row = await manifestOf(event);
	authorize(event, 'manifest.update', row);
	if (!isLoading(row.status))
		redirect(303, `/responses/${row.responseId}/returns/manifests/${row.id}`);
	return {
		code: row.code,
		form: await superValidate(
			{
				...row,
				id: row.clientId ?? undefined,
				driverName: row.driverName ?? undefined,
				destDistrictPcode: row.destDistrictPcode ?? undefined,
				...peopleColumns(peopleOf(row))
			},
			zod4(manifestFormSchema),
			{ errors: false }
		),
		points: await listReturnLocations(event.locals.db, true),
		provinces: await listProvinces(event.locals.db),
		districts: await listDistricts(event.locals.db),
		organisations: await listOperators(event.locals.db)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const row = await manifestOf(event);
		const user = authorize(event, 'manifest.update', row);
		const form = await superValidate(event.request, zod4(manifestFormSchema));
		form.data.responseId = row.responseId;
		if (!form.valid) return invalid(form);
		try {
			const headcount = row.mode === 'headcount' ? peopleOf(form.data) : undefined;
			await updateManifest(event.locals.db, user, row.id, form.data, headcount);
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, `/responses/${row.responseId}/returns/manifests/${row.id}`);
	}
};
