import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { hash, verify } from '@node-rs/argon2';

/** A random token with 160 bits of entropy, as the Lucia guide recommends. */
export function generateToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * Only this hash is stored, so a leaked database holds no usable token: SHA-256 of the token's
 * UTF-8, in lowercase hex. Every request with a session or an API token hashes one; Node's own
 * SHA-256 takes microseconds where a JavaScript one took about a millisecond.
 */
export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

// OWASP's recommended argon2id parameters.
const ARGON2 = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A hash of nothing in particular, verified against when the account is unknown, so a wrong
 * email takes as long to refuse as a wrong password. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
	decoy ??= hashPassword(generateToken());
	return decoy;
}
