import { can } from '$lib/domain/policy';
import { authorize } from '$lib/server/auth/guard';
import { listProvinces } from '$lib/server/places';
import { boundaries, levelsWithGeometry } from '$lib/server/places/geo';
import { NATURAL_EARTH } from '$lib/server/places/provinces';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'map.read');
	const db = event.locals.db;
	const provinces = boundaries(db, 1);
	return {
		provinces,
		/** All 25, with or without a shape: the list beside the map. */
		provinceList: listProvinces(db),
		approximate: provinces.features.some((f) => f.properties.source === NATURAL_EARTH),
		hasDistricts: levelsWithGeometry(db).includes(2),
		canImport: can(user, 'boundary.import')
	};
};
