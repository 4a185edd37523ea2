import { can } from '$lib/domain/policy';
import { authorize } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

/** The points come from /api/v1/assessments/points, fetched by the page: the map loads first. */
export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'assessment.summary');
	return { canOpen: can(user, 'assessment.read', { organisationId: null }) };
};
