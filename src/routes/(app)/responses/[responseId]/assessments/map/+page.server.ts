import { can } from '$lib/domain/policy';
import { pointsVersion } from '$lib/server/assessments';
import { authorize } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

/**
 * The points come from /api/v1/assessments/points, fetched by the page: the map loads first. The
 * page names their version in that URL, so a visit after the last change reads them from the
 * browser's cache without a round trip.
 */
export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'assessment.summary');
	return {
		canOpen: can(user, 'assessment.read', { organisationId: null }),
		pointsVersion: await pointsVersion(event.locals.db)
	};
};
