/**
 * Known browsers: after a successful sign-in the browser gets a random device token in a cookie
 * (only its hash is stored). Presenting it again for the same account lets it past that
 * account's sign-in delays, which otherwise anyone could trigger by failing on purpose.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { first, transaction } from '$lib/server/db/transaction';
import { knownDevices } from '$lib/server/db/schema';
import { generateToken, hashToken } from './crypto';

export const DEVICE_COOKIE = 'sahakar_device';
export const DEVICE_LIFETIME = 365 * 86_400_000;

export async function isKnownDevice(
	db: Db,
	userId: number,
	token: string | null | undefined
): Promise<boolean> {
	if (!token) return false;
	const row = await first(
		db
			.select({ id: knownDevices.id })
			.from(knownDevices)
			.where(and(eq(knownDevices.id, hashToken(token)), eq(knownDevices.userId, userId)))
	);
	return !!row;
}

/** The token to keep in the browser's cookie: the one it has if known, else a new one. */
export async function rememberDevice(
	db: Db,
	userId: number,
	token: string | null | undefined,
	now = new Date()
): Promise<string> {
	return await transaction(db, async (tx) => {
		if (token && (await isKnownDevice(tx, userId, token))) {
			await tx
				.update(knownDevices)
				.set({ lastUsedAt: now })
				.where(eq(knownDevices.id, hashToken(token)));
			return token;
		}
		const fresh = generateToken();
		await tx.insert(knownDevices).values({ id: hashToken(fresh), userId, lastUsedAt: now });
		return fresh;
	});
}
