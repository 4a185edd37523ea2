import type { Db } from '$lib/server/db';
import { transaction } from '$lib/server/db/transaction';
import { recordAudit } from '$lib/server/audit';
import { decoyHash, verifyPassword } from './crypto';
import { findUserByEmail } from './accounts';
import { isKnownDevice, rememberDevice } from './devices';
import { clearFailures, recordFailure, waitFor } from './throttle';
import type { User } from '$lib/server/db/schema';

export type SignInResult =
	| { ok: true; user: User; device: string }
	| { ok: false; reason: 'wrong' }
	| { ok: false; reason: 'throttled'; retryAfterMs: number };

interface Attempt {
	email: string;
	password: string;
	/** The client's address, as the adapter reports it. */
	address: string;
	/** The device cookie the browser sent, if any. */
	device?: string | null;
	now?: Date;
}

/**
 * Checks an email and password. A wrong password, an unknown email and a disabled account all
 * answer the same `wrong`, after the same work, so nothing tells them apart. After repeated
 * failures for the email or from the address, checks wait a growing delay (`throttled`, with
 * how long), except from a browser that signed in to this account before.
 */
export async function signIn(db: Db, attempt: Attempt): Promise<SignInResult> {
	const { email, password, address, device, now = new Date() } = attempt;
	const user = await findUserByEmail(db, email);
	if (!user || !(await isKnownDevice(db, user.id, device))) {
		const wait = Math.max(
			await waitFor(db, 'account', email, now),
			await waitFor(db, 'address', address, now)
		);
		if (wait > 0) return { ok: false, reason: 'throttled', retryAfterMs: wait };
	}
	const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
	if (!user || !user.passwordHash || user.disabledAt || !valid) {
		await transaction(db, async (tx) => {
			await recordFailure(tx, 'account', email, now);
			await recordFailure(tx, 'address', address, now);
			await recordAudit(tx, {
				userId: null,
				action: 'sign_in_failed',
				entity: 'users',
				entityId: user?.id ?? null,
				detail: { email: email.trim().toLowerCase(), address }
			});
		});
		return { ok: false, reason: 'wrong' };
	}
	const known = await transaction(db, async (tx) => {
		// The address keeps its count: one's own account must not wash away guesses at others.
		await clearFailures(tx, 'account', email);
		await recordAudit(tx, {
			userId: user.id,
			action: 'sign_in',
			entity: 'users',
			entityId: user.id,
			detail: { address }
		});
		return await rememberDevice(tx, user.id, device, now);
	});
	return { ok: true, user, device: known };
}
