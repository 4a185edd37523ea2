import { authorize } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

/** The outbox lives on the device; the page only needs the right to submit. */
export const load: PageServerLoad = (event) => {
	authorize(event, 'assessment.submit');
	return {};
};
