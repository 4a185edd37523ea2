import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { assessmentReviews, assessments } from '$lib/server/db/schema';
import { recordAudit } from '$lib/server/audit';
import { UserError } from '$lib/server/errors';

export type ReviewDecision = 'duplicate' | 'distinct';

/**
 * A coordinator's decision on a likely duplicate. The assessment itself is never changed nor
 * deleted: a `duplicate` decision only leaves it out of totals, and a later decision replaces it.
 */
export function reviewAssessment(db: Db, actor: Actor, id: string, decision: ReviewDecision) {
	db.transaction((tx) => {
		const row = tx
			.select({ seq: assessments.seq, responseId: assessments.responseId })
			.from(assessments)
			.where(eq(assessments.id, id))
			.get();
		if (!row) throw new UserError(m.error_not_found(), 'not_found');
		tx.insert(assessmentReviews)
			.values({ assessmentSeq: row.seq, decision, reviewedBy: actor.id })
			.run();
		recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'assessments',
			entityId: id,
			responseId: row.responseId,
			after: { review: decision }
		});
	});
}
