import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { assessmentSchema } from '$lib/domain/assessments';
import { authorize } from '$lib/server/auth/guard';
import { areasUnder } from '$lib/server/places';
import type { PageServerLoad } from './$types';

/**
 * The blank form and the areas of the response's provinces. Kept by the service worker for
 * offline use, so it holds nothing that must be fresh: the id and the day are made on the device.
 * The provinces' shapes (for the point's province) are not in it: the form fetches them from
 * /api/v1/boundaries when a point is entered, and the service worker keeps that answer with it.
 */
export const load: PageServerLoad = async (event) => {
	authorize(event, 'assessment.submit');
	const { response } = await event.parent();
	return {
		form: await superValidate({ responseId: response.id }, zod4(assessmentSchema), {
			errors: false
		}),
		areas: await areasUnder(event.locals.db, response.provinces)
	};
};
