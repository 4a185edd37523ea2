import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { returnLocationSchema } from '$lib/domain/returns';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid } from '$lib/server/forms';
import { areasByPcode, listDistricts, listProvinces } from '$lib/server/places';
import { listReturnLocations, saveReturnLocation } from '$lib/server/returns';
import type { Actions, PageServerLoad } from './$types';

/** Coordinators add and correct crossing points and transit centres; `?edit=ID` loads one. */
export const load: PageServerLoad = async (event) => {
	authorize(event, 'location.manage');
	const places = await listReturnLocations(event.locals.db);
	const editing = places.find((p) => p.id === Number(event.url.searchParams.get('edit')));
	const db = event.locals.db;
	const named = await areasByPcode(
		db,
		places.map((p) => p.pcode)
	);
	const areas = [...(await listProvinces(db)), ...(await listDistricts(db))];
	// A place kept with a finer area (a commune) keeps it in the list, so saving does not drop it.
	const own = editing?.pcode ? named[editing.pcode] : undefined;
	return {
		places,
		named,
		areas: own && !areas.some((a) => a.pcode === own.pcode) ? [...areas, own] : areas,
		editing: editing?.id ?? null,
		form: await superValidate(
			editing
				? {
						kind:
							editing.kind === 'transit_centre'
								? ('transit_centre' as const)
								: ('border_crossing' as const),
						nameEn: editing.nameEn,
						nameKm: editing.nameKm,
						pcode: editing.pcode ?? undefined,
						lon: editing.lon,
						lat: editing.lat,
						active: editing.active
					}
				: { kind: 'border_crossing' as const, active: true },
			zod4(returnLocationSchema),
			{ errors: false }
		)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = authorize(event, 'location.manage');
		const form = await superValidate(event.request, zod4(returnLocationSchema));
		if (!form.valid) return invalid(form);
		const id = Number(event.url.searchParams.get('edit')) || undefined;
		try {
			await saveReturnLocation(event.locals.db, user, form.data, id);
		} catch (e) {
			return failWith(form, e);
		}
		return message(form, { type: 'ok', text: m.ret_saved() });
	}
};
