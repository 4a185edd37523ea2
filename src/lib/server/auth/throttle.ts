import { eq } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { signInThrottle } from '$lib/server/db/schema';

const WINDOW = 15 * 60_000;
/** Failures allowed per window before the key is locked for the rest of a window. */
export const LIMITS = { account: 5, address: 20 } as const;
export type ThrottleKind = keyof typeof LIMITS;

const keyOf = (kind: ThrottleKind, value: string) => `${kind}:${value.toLowerCase()}`;

/** Is this account or address locked out right now? */
export function isThrottled(db: Db, kind: ThrottleKind, value: string, now = new Date()): boolean {
	const row = db
		.select()
		.from(signInThrottle)
		.where(eq(signInThrottle.key, keyOf(kind, value)))
		.get();
	return !!row?.lockedUntil && row.lockedUntil.getTime() > now.getTime();
}

export function recordFailure(db: Db, kind: ThrottleKind, value: string, now = new Date()): void {
	const key = keyOf(kind, value);
	const row = db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
	const fresh = !row || now.getTime() - row.windowStart.getTime() > WINDOW;
	const failures = fresh ? 1 : row.failures + 1;
	const values = {
		key,
		failures,
		windowStart: fresh ? now : row.windowStart,
		lockedUntil: failures >= LIMITS[kind] ? new Date(now.getTime() + WINDOW) : null
	};
	db.insert(signInThrottle)
		.values(values)
		.onConflictDoUpdate({ target: signInThrottle.key, set: values })
		.run();
}

export function clearFailures(db: Db, kind: ThrottleKind, value: string): void {
	db.delete(signInThrottle)
		.where(eq(signInThrottle.key, keyOf(kind, value)))
		.run();
}
