import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { can } from '$lib/domain/policy';
import { authorize } from '$lib/server/auth/guard';
import { duplicatesOf, getAssessment, reviewAssessment, warningsOf } from '$lib/server/assessments';
import { buttonForm, failWith } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'assessment.summary');
	const db = event.locals.db;
	const assessment = await getAssessment(db, event.params.assessmentId);
	if (!assessment || assessment.responseId !== Number(event.params.responseId)) {
		error(404, { message: m.error_not_found(), code: 'not_found' });
	}
	authorize(event, 'assessment.read', { organisationId: assessment.organisationId });
	return {
		assessment,
		/** The given area and the point's, when they disagree. */
		warnings: await warningsOf(db, assessment),
		duplicates: await duplicatesOf(db, assessment.seq),
		canReview: can(user, 'assessment.review'),
		reviewForm: await buttonForm('review')
	};
};

const review =
	(decision: 'duplicate' | 'distinct'): Actions[string] =>
	async (event) => {
		const user = authorize(event, 'assessment.review');
		const form = await buttonForm('review');
		try {
			await reviewAssessment(event.locals.db, user, event.params.assessmentId, decision);
		} catch (e) {
			return failWith(form, e);
		}
		return { form, reviewed: true };
	};

export const actions: Actions = {
	duplicate: review('duplicate'),
	distinct: review('distinct')
};
