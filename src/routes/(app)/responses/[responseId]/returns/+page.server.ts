import { getLocale } from '$lib/paraglide/runtime.js';
import { authorize } from '$lib/server/auth/guard';
import { previewLink } from '$lib/server/maps/preview';
import { listProvinces } from '$lib/server/places';
import { arrivalsDashboard, everyCrossingPoint } from '$lib/server/returns';
import { arrivalsChartLinks } from '$lib/server/returns/charts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'return.read');
	const { response } = await event.parent();
	const q = event.url.searchParams;
	const filter = { from: q.get('from') || undefined, to: q.get('to') || undefined };
	const { daily, ...counted } = await arrivalsDashboard(event.locals.db, response.id, filter);
	const dashboard = {
		...counted,
		points: await everyCrossingPoint(event.locals.db, counted.points)
	};
	return {
		filter,
		dashboard,
		/** Links: the SVG goes into the HTML once, not again in the data (`returns/charts.ts`). */
		charts: arrivalsChartLinks(response.id, filter, daily, dashboard.points),
		mapPreview: await previewLink(event.locals.db, {
			kind: 'arrivals',
			level: 1,
			values: Object.fromEntries(dashboard.destinations.map((x) => [x.pcode, x.persons])),
			locale: getLocale()
		}),
		/** Every province's name, also those without a shape yet (Tboung Khmum on the default map). */
		provinceNames: (await listProvinces(event.locals.db)).map((p) => ({
			pcode: p.pcode,
			nameEn: p.nameEn,
			nameKm: p.nameKm
		}))
	};
};
