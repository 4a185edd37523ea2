import { z } from 'zod';
import { pageNumber, urlFilter } from '$lib/domain/validation';
import { assessmentPageFilters } from '$lib/domain/assessment-filters';
import { can } from '$lib/domain/policy';
import { authorize } from '$lib/server/auth/guard';
import { areasUnder } from '$lib/server/places';
import {
	listAssessments,
	needsRanking,
	submittingOrganisations,
	totalsByArea,
	type AssessmentFilter
} from '$lib/server/assessments';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const filterSchema = z.object({
	...assessmentPageFilters,
	organisationId: urlFilter(z.coerce.number().int().positive()),
	flagged: z.preprocess((v) => v === 'on' || v === '1', z.boolean()).catch(false),
	page: pageNumber
});

/**
 * The coordinators' picture: totals, the needs ranking and (for those who may read records) the
 * list. Partners and field teams see their own organisation's records; totals cover everyone's.
 */
export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'assessment.summary');
	const { response } = await event.parent();
	const db = event.locals.db;
	const { page, ...chosen } = filterSchema.parse(Object.fromEntries(event.url.searchParams));
	const everyOrganisation = can(user, 'assessment.read', { organisationId: null });
	const ownOnly = !everyOrganisation && can(user, 'assessment.read', user);
	const summary: AssessmentFilter = { responseId: response.id, ...chosen };
	const records =
		everyOrganisation || ownOnly
			? await listAssessments(
					db,
					{ ...summary, organisationId: ownOnly ? user.organisationId : chosen.organisationId },
					{ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }
				)
			: null;
	const query = new URLSearchParams(event.url.searchParams);
	query.delete('page');
	return {
		filter: chosen,
		query: query.toString(),
		page,
		pages: records ? Math.max(1, Math.ceil(records.total / PAGE_SIZE)) : 1,
		records,
		ownOnly,
		canSubmit: can(user, 'assessment.submit'),
		provinces: await totalsByArea(db, summary, 'province'),
		districts: await totalsByArea(db, summary, 'district'),
		needs: await needsRanking(db, summary),
		areas: await areasUnder(db, response.provinces, 2),
		organisations: everyOrganisation ? await submittingOrganisations(db, response.id) : []
	};
};
