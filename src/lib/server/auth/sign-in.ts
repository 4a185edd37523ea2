import type { Db } from '$lib/server/db';
import { recordAudit } from '$lib/server/audit';
import { decoyHash, verifyPassword } from './crypto';
import { findUserByEmail } from './accounts';
import { clearFailures, isThrottled, recordFailure } from './throttle';
import type { User } from '$lib/server/db/schema';

export type SignInResult = { ok: true; user: User } | { ok: false; reason: 'wrong' | 'throttled' };

/**
 * Checks an email and password. A wrong password, an unknown email and a disabled account all
 * answer the same `wrong`, after the same work, so nothing tells them apart.
 */
export async function signIn(
	db: Db,
	email: string,
	password: string,
	address: string
): Promise<SignInResult> {
	if (isThrottled(db, 'account', email) || isThrottled(db, 'address', address)) {
		return { ok: false, reason: 'throttled' };
	}
	const user = findUserByEmail(db, email);
	const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
	if (!user || !user.passwordHash || user.disabledAt || !valid) {
		db.transaction((tx) => {
			recordFailure(tx, 'account', email);
			recordFailure(tx, 'address', address);
			recordAudit(tx, {
				userId: null,
				action: 'sign_in_failed',
				entity: 'users',
				entityId: user?.id ?? null,
				detail: { email: email.trim().toLowerCase(), address }
			});
		});
		return { ok: false, reason: 'wrong' };
	}
	db.transaction((tx) => {
		clearFailures(tx, 'account', email);
		recordAudit(tx, {
			userId: user.id,
			action: 'sign_in',
			entity: 'users',
			entityId: user.id,
			detail: { address }
		});
	});
	return { ok: true, user };
}
