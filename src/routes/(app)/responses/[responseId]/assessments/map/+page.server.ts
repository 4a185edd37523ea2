import { z } from 'zod';
import { assessmentPageFilters } from '$lib/domain/assessment-filters';
import { can } from '$lib/domain/policy';
import { getLocale } from '$lib/paraglide/runtime.js';
import { assessmentsByProvince, pointsVersion } from '$lib/server/assessments';
import { authorize } from '$lib/server/auth/guard';
import { previewLink } from '$lib/server/maps/preview';
import type { PageServerLoad } from './$types';

/** The filters the points take too (`assessmentApiFilters`); one the page cannot read is left out. */
const filterSchema = z.object(assessmentPageFilters);

/**
 * The page opens with the server's drawing of the assessments by province (`previewLink`) and
 * their count; the interactive map, and the points from /api/v1/assessments/points, come when the
 * person asks for it. The page names the points' version in their URL, so a visit after the last
 * change reads them from the browser's cache without a round trip.
 */
export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'assessment.summary');
	const { response } = await event.parent();
	const db = event.locals.db;
	const filters = filterSchema.parse(Object.fromEntries(event.url.searchParams));
	// Read before the figures, like the points endpoint: the figures are never older than it.
	const version = await pointsVersion(db);
	const byProvince = await assessmentsByProvince(db, { responseId: response.id, ...filters });
	const values: Record<string, number> = {};
	let count = 0;
	for (const row of byProvince) {
		count += row.assessments;
		if (row.pcode) values[row.pcode] = row.assessments;
	}
	return {
		canOpen: can(user, 'assessment.read', { organisationId: null }),
		pointsVersion: version,
		count,
		mapPreview: await previewLink(db, {
			kind: 'assessments',
			level: 1,
			values,
			locale: getLocale()
		})
	};
};
