/**
 * Read-only links to a published sitrep. The link holds a random token; only its SHA-256 is
 * stored, so the database cannot give a working link away. A revoked link answers like none.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { sitrepShares, sitreps } from '$lib/server/db/schema';
import { generateToken, hashToken } from '$lib/server/auth/crypto';
import { recordAudit } from '$lib/server/audit';
import { first, transaction } from '$lib/server/db/transaction';
import { UserError } from '$lib/server/errors';

const ENTITY = 'sitrep_shares';

/** A new link's token: shown once to its creator, never stored. */
export async function createShare(db: Db, actor: Actor, sitrepId: number): Promise<string> {
	const token = generateToken();
	await transaction(db, async (tx) => {
		const sitrep = await first(tx.select().from(sitreps).where(eq(sitreps.id, sitrepId)));
		if (!sitrep) throw new UserError(m.error_not_found(), 'not_found');
		if (sitrep.status !== 'published') {
			throw new UserError(m.sitrep_error_share_draft(), 'conflict');
		}
		const [share] = await tx
			.insert(sitrepShares)
			.values({ sitrepId, tokenHash: hashToken(token), createdBy: actor.id })
			.returning();
		await recordAudit(tx, {
			userId: actor.id,
			action: 'create',
			entity: ENTITY,
			entityId: share.id,
			responseId: sitrep.responseId,
			after: { sitrepId, number: sitrep.number }
		});
	});
	return token;
}

export async function revokeShare(
	db: Db,
	actor: Actor,
	sitrepId: number,
	shareId: number
): Promise<void> {
	await transaction(db, async (tx) => {
		const share = await first(
			tx
				.select({
					id: sitrepShares.id,
					revokedAt: sitrepShares.revokedAt,
					responseId: sitreps.responseId
				})
				.from(sitrepShares)
				.innerJoin(sitreps, eq(sitreps.id, sitrepShares.sitrepId))
				.where(and(eq(sitrepShares.id, shareId), eq(sitrepShares.sitrepId, sitrepId)))
		);
		if (!share) throw new UserError(m.error_not_found(), 'not_found');
		if (share.revokedAt) return;
		const revokedAt = new Date();
		await tx
			.update(sitrepShares)
			.set({ revokedAt, revokedBy: actor.id })
			.where(eq(sitrepShares.id, shareId));
		await recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: ENTITY,
			entityId: shareId,
			responseId: share.responseId,
			before: { revokedAt: null },
			after: { revokedAt }
		});
	});
}

export function listShares(db: Db, sitrepId: number) {
	return db
		.select({
			id: sitrepShares.id,
			createdAt: sitrepShares.createdAt,
			revokedAt: sitrepShares.revokedAt
		})
		.from(sitrepShares)
		.where(eq(sitrepShares.sitrepId, sitrepId))
		.orderBy(desc(sitrepShares.id));
}

/** The published sitrep's id behind a live link, or undefined (unknown, revoked, or a draft). */
export async function sharedSitrepId(db: Db, token: string): Promise<number | undefined> {
	const row = await first(
		db
			.select({ id: sitreps.id })
			.from(sitrepShares)
			.innerJoin(sitreps, eq(sitreps.id, sitrepShares.sitrepId))
			.where(
				and(
					eq(sitrepShares.tokenHash, hashToken(token)),
					isNull(sitrepShares.revokedAt),
					eq(sitreps.status, 'published')
				)
			)
	);
	return row?.id;
}
