import { authorize } from '$lib/server/auth/guard';
import { listProvinces } from '$lib/server/places';
import { arrivalsDashboard } from '$lib/server/returns';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'return.read');
	const { response } = await event.parent();
	const q = event.url.searchParams;
	const filter = { from: q.get('from') || undefined, to: q.get('to') || undefined };
	return {
		filter,
		dashboard: arrivalsDashboard(event.locals.db, response.id, filter),
		/** Every province's name, also those without a shape yet (Tboung Khmum on the default map). */
		provinceNames: listProvinces(event.locals.db).map((p) => ({
			pcode: p.pcode,
			nameEn: p.nameEn,
			nameKm: p.nameKm
		}))
	};
};
