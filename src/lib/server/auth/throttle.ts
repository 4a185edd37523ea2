/**
 * Growing delays after failed password checks, per key: an account's email, a client address,
 * or a signed-in user's current-password check. A few failures are free; then each failure
 * makes the next check wait twice as long (30 s, 1 min, 2 min … at most 15 min). A run of
 * failures is forgotten a day after its last one. Nothing here refuses a password for ever: a
 * throttled attempt is told when to try again, and a browser that signed in to the account
 * before is not held back by that account's delays at all (see sign-in.ts).
 */
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { first, transaction } from '$lib/server/db/transaction';
import { recordAudit } from '$lib/server/audit';
import { UserError } from '$lib/server/errors';
import { signInThrottle, type SignInThrottle } from '$lib/server/db/schema';

/** Failures allowed before delays start, per kind of key. */
export const FREE_FAILURES = { account: 5, address: 20, password: 5 } as const;
export type ThrottleKind = keyof typeof FREE_FAILURES;

export const FIRST_DELAY = 30_000;
export const MAX_DELAY = 15 * 60_000;
const FORGET_AFTER = 24 * 3_600_000;

const keyOf = (kind: ThrottleKind, value: string) => `${kind}:${value.trim().toLowerCase()}`;

/** How long to wait after the `failures`-th failure in a row. */
function delayAfter(kind: ThrottleKind, failures: number): number {
	const over = failures - FREE_FAILURES[kind];
	return over < 0 ? 0 : Math.min(FIRST_DELAY * 2 ** over, MAX_DELAY);
}

const lastFailure = (row: SignInThrottle) => row.lastFailureAt ?? row.windowStart;
const forgotten = (row: SignInThrottle, now: Date) =>
	now.getTime() - lastFailure(row).getTime() > FORGET_AFTER;

async function find(db: Db, key: string) {
	return await first(db.select().from(signInThrottle).where(eq(signInThrottle.key, key)));
}

/** Milliseconds until the key may be checked again; 0 when it may be now. */
export async function waitFor(
	db: Db,
	kind: ThrottleKind,
	value: string,
	now = new Date()
): Promise<number> {
	const row = await find(db, keyOf(kind, value));
	if (!row?.lockedUntil || forgotten(row, now)) return 0;
	return Math.max(0, row.lockedUntil.getTime() - now.getTime());
}

/**
 * Counts a failure; returns how long the key must now wait. The count is read and written in
 * one transaction, so two failures at once count as two.
 */
export async function recordFailure(
	db: Db,
	kind: ThrottleKind,
	value: string,
	now = new Date()
): Promise<number> {
	const key = keyOf(kind, value);
	return await transaction(db, async (tx) => {
		const row = await find(tx, key);
		const fresh = !row || forgotten(row, now);
		const failures = fresh ? 1 : row.failures + 1;
		const delay = delayAfter(kind, failures);
		const values = {
			key,
			failures,
			windowStart: fresh ? now : row.windowStart,
			lastFailureAt: now,
			lockedUntil: delay ? new Date(now.getTime() + delay) : null
		};
		await tx
			.insert(signInThrottle)
			.values(values)
			.onConflictDoUpdate({ target: signInThrottle.key, set: values });
		return delay;
	});
}

export async function clearFailures(db: Db, kind: ThrottleKind, value: string): Promise<void> {
	await transaction(db, async (tx) => {
		await tx.delete(signInThrottle).where(eq(signInThrottle.key, keyOf(kind, value)));
	});
}

export interface ThrottleEntry {
	key: string;
	kind: ThrottleKind;
	/** The email, the address, or the user id of a current-password check. */
	value: string;
	failures: number;
	since: Date;
	lastFailureAt: Date;
	/** When the next check may happen, if that is still ahead. */
	waitUntil: Date | null;
}

const LAST_FAILURE = sql`coalesce(${signInThrottle.lastFailureAt}, ${signInThrottle.windowStart})`;

// Compared column by column (not on the coalesce) so each engine maps the Date its own way.
const recentSince = (cutoff: Date) =>
	or(
		gt(signInThrottle.lastFailureAt, cutoff),
		and(isNull(signInThrottle.lastFailureAt), gt(signInThrottle.windowStart, cutoff))
	);

/** Every key with a failure in the last day, most recent first. */
export async function listThrottles(db: Db, now = new Date()): Promise<ThrottleEntry[]> {
	const rows = await db
		.select()
		.from(signInThrottle)
		.where(recentSince(new Date(now.getTime() - FORGET_AFTER)))
		.orderBy(desc(LAST_FAILURE), signInThrottle.key);
	return rows.map((row) => {
		const [kind, ...rest] = row.key.split(':');
		return {
			key: row.key,
			kind: kind as ThrottleKind,
			value: rest.join(':'),
			failures: row.failures,
			since: row.windowStart,
			lastFailureAt: lastFailure(row),
			waitUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null
		};
	});
}

/** An administrator lifts a key's delays at once (audited); false when there was none. */
export async function clearThrottle(db: Db, actor: Actor, key: string): Promise<void> {
	await transaction(db, async (tx) => {
		const [gone] = await tx.delete(signInThrottle).where(eq(signInThrottle.key, key)).returning();
		if (!gone) throw new UserError(m.sec_locks_gone(), 'not_found');
		await recordAudit(tx, {
			userId: actor.id,
			action: 'delete',
			entity: 'sign_in_throttle',
			entityId: key,
			before: { failures: gone.failures, lockedUntil: gone.lockedUntil }
		});
	});
}

/** "30 seconds", "4 minutes": how long to wait, rounded up, in the reader's language. */
export function waitText(ms: number): string {
	const seconds = Math.max(1, Math.ceil(ms / 1000));
	return seconds < 90
		? m.sec_wait_seconds({ n: seconds })
		: m.sec_wait_minutes({ n: Math.ceil(seconds / 60) });
}
