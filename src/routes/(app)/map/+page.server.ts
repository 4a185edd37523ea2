import { can } from '$lib/domain/policy';
import { authorize } from '$lib/server/auth/guard';
import { areaAt, listProvinces } from '$lib/server/places';
import { boundaries, levelsWithGeometry } from '$lib/server/places/geo';
import { NATURAL_EARTH } from '$lib/server/places/provinces';
import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { locateSchema } from './locate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'map.read');
	const db = event.locals.db;
	const provinces = boundaries(db, 1);
	return {
		provinces,
		/** All 25, with or without a shape: the list beside the map. */
		provinceList: listProvinces(db),
		approximate: provinces.features.some((f) => f.properties.source === NATURAL_EARTH),
		hasDistricts: levelsWithGeometry(db).includes(2),
		canImport: can(user, 'boundary.import'),
		locateForm: await superValidate(zod4(locateSchema))
	};
};

export const actions: Actions = {
	/** Which admin area holds a point: the finest with a shape. */
	locate: async (event) => {
		authorize(event, 'map.read');
		const form = await superValidate(event.request, zod4(locateSchema));
		if (!form.valid) return fail(400, { form });
		const located = areaAt(event.locals.db, form.data.lon as number, form.data.lat as number);
		return { form, located };
	}
};
