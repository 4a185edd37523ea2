import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { first, transaction } from '$lib/server/db/transaction';
import { assessmentReviews, assessments } from '$lib/server/db/schema';
import { recordAudit } from '$lib/server/audit';
import { UserError } from '$lib/server/errors';

export type ReviewDecision = 'duplicate' | 'distinct';

/**
 * A coordinator's decision on a likely duplicate. The assessment itself is never changed nor
 * deleted: a `duplicate` decision only leaves it out of totals, and a later decision replaces it.
 */
export async function reviewAssessment(
	db: Db,
	actor: Actor,
	id: string,
	decision: ReviewDecision
): Promise<void> {
	await transaction(db, async (tx) => {
		const row = await first(
			tx
				.select({ seq: assessments.seq, responseId: assessments.responseId })
				.from(assessments)
				.where(eq(assessments.id, id))
		);
		if (!row) throw new UserError(m.error_not_found(), 'not_found');
		await tx
			.insert(assessmentReviews)
			.values({ assessmentSeq: row.seq, decision, reviewedBy: actor.id });
		await recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'assessments',
			entityId: id,
			responseId: row.responseId,
			after: { review: decision }
		});
	});
}
