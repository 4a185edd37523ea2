import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { assessmentSchema } from '$lib/domain/assessments';
import { authorize } from '$lib/server/auth/guard';
import { areasUnder } from '$lib/server/places';
import { boundaries } from '$lib/server/places/geo';
import type { PageServerLoad } from './$types';

/**
 * The blank form and the areas of the response's provinces. Kept by the service worker for
 * offline use, so it holds nothing that must be fresh: the id and the day are made on the device.
 */
export const load: PageServerLoad = async (event) => {
	authorize(event, 'assessment.submit');
	const { response } = await event.parent();
	return {
		form: await superValidate({ responseId: response.id }, zod4(assessmentSchema), {
			errors: false
		}),
		areas: await areasUnder(event.locals.db, response.provinces),
		provinces: await responseProvinces(event.locals.db, response.provinces)
	};
};

/** Only the response's provinces: the page is kept on phones, so it stays small. */
async function responseProvinces(db: Parameters<typeof boundaries>[0], pcodes: string[]) {
	const all = await boundaries(db, 1);
	return { ...all, features: all.features.filter((f) => pcodes.includes(f.properties.pcode)) };
}
