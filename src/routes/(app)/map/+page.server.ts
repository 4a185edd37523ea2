import { can } from '$lib/domain/policy';
import { getLocale } from '$lib/paraglide/runtime.js';
import { previewLink } from '$lib/server/maps/preview';
import { authorize } from '$lib/server/auth/guard';
import { areaAt, listProvinces } from '$lib/server/places';
import { geometrySources, levelsWithGeometry } from '$lib/server/places/geo';
import { NATURAL_EARTH } from '$lib/server/places/provinces';
import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { locateSchema } from './locate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'map.read');
	const db = event.locals.db;
	// The shapes themselves come from /api/v1/boundaries, kept by the browser between visits.
	const sources = await geometrySources(db, 1);
	return {
		/** All 25, with or without a shape: the list beside the map; `source` is null without. */
		provinceList: (await listProvinces(db)).map((p) => ({
			...p,
			source: sources.get(p.pcode) ?? null
		})),
		approximate: [...sources.values()].includes(NATURAL_EARTH),
		hasDistricts: (await levelsWithGeometry(db)).includes(2),
		canImport: can(user, 'boundary.import'),
		mapPreview: await previewLink(db, { kind: 'provinces', level: 1, locale: getLocale() }),
		locateForm: await superValidate(zod4(locateSchema))
	};
};

export const actions: Actions = {
	/** Which admin area holds a point: the finest with a shape. */
	locate: async (event) => {
		authorize(event, 'map.read');
		const form = await superValidate(event.request, zod4(locateSchema));
		if (!form.valid) return fail(400, { form });
		const located = await areaAt(event.locals.db, form.data.lon as number, form.data.lat as number);
		return { form, located };
	}
};
