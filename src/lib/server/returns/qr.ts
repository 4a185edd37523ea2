/**
 * The manifest QR code's signature: HMAC-SHA256 of the code with a server secret, so a receiving
 * team's scan opens the arrival confirmation only for a code the app made. The secret comes from
 * `MANIFEST_SECRET`, else one is made once and kept in the database.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { QR_SEPARATOR } from '$lib/domain/returns';
import type { Db } from '$lib/server/db';
import { first, transaction } from '$lib/server/db/transaction';
import { returnSecrets } from '$lib/server/db/schema';

const NAME = 'manifest_qr';

async function manifestSecret(db: Db): Promise<string> {
	const fromEnv = process.env.MANIFEST_SECRET;
	if (fromEnv) return fromEnv;
	const stored = await first(db.select().from(returnSecrets).where(eq(returnSecrets.name, NAME)));
	if (stored) return stored.value;
	// Whichever server inserts first makes the secret; every other one reads that one.
	return transaction(db, async (tx) => {
		await tx
			.insert(returnSecrets)
			.values({ name: NAME, value: encodeBase64urlNoPadding(randomBytes(32)) })
			.onConflictDoNothing();
		const row = await first(tx.select().from(returnSecrets).where(eq(returnSecrets.name, NAME)));
		if (!row) throw new Error('the manifest secret was neither inserted nor found');
		return row.value;
	});
}

function sign(secret: string, code: string): string {
	return encodeBase64urlNoPadding(createHmac('sha256', secret).update(code).digest());
}

/** What the QR code carries: `CODE.SIGNATURE`. */
export async function signedManifestCode(db: Db, code: string): Promise<string> {
	return `${code}${QR_SEPARATOR}${sign(await manifestSecret(db), code)}`;
}

/** The code, when the payload's signature is the app's; null for a forged or altered payload. */
export async function verifyManifestCode(db: Db, payload: string): Promise<string | null> {
	const at = payload.lastIndexOf(QR_SEPARATOR);
	if (at <= 0) return null;
	const code = payload.slice(0, at);
	const given = Buffer.from(payload.slice(at + 1));
	const expected = Buffer.from(sign(await manifestSecret(db), code));
	return given.length === expected.length && timingSafeEqual(given, expected) ? code : null;
}
