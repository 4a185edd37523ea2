import { beforeEach, describe, expect, it } from 'vitest';
import { type RootDb } from '$lib/server/db';
import { openTestDb } from '$lib/server/db/testing';
import { createSession, validateSessionToken } from './sessions';
import { changePassword, createOrganisation, createUser } from './accounts';
import { hashPassword } from './crypto';
import { signIn } from './sign-in';
import { clearThrottle, FIRST_DELAY, FREE_FAILURES, listThrottles, MAX_DELAY } from './throttle';
import { UserError } from '$lib/server/errors';
import { refused } from '$lib/server/testing';

const EMAIL = 'admin@example.org';
const PASSWORD = 'admin-password';
const T0 = new Date('2026-03-01T08:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

let db: RootDb;
let admin: { id: number; role: 'admin'; organisationId: number };

beforeEach(async () => {
	db = await openTestDb();
	const orgId = (
		await createOrganisation(db, null, { name: 'IOM', acronym: 'IOM', type: 'un_agency' })
	).id;
	const { user } = await createUser(
		db,
		null,
		{ email: EMAIL, name: 'Admin', role: 'admin', organisationId: orgId },
		await hashPassword(PASSWORD)
	);
	admin = { id: user.id, role: 'admin', organisationId: orgId };
});

const attempt = (password: string, address: string, now: Date, device?: string | null) =>
	signIn(db, { email: EMAIL, password, address, device, now });

/** An attacker failing `n` times on the admin's account, each from a new address. */
async function attack(n: number, from = 0, at = T0) {
	for (let i = 0; i < n; i++) await attempt('guess', `203.0.113.${from + i}`, at);
}

describe('sign-in delays by account', () => {
	it('after five failures the right password is asked to wait 30 s, then accepted', async () => {
		await attack(FREE_FAILURES.account);
		expect(await attempt(PASSWORD, '198.51.100.7', later(1000))).toEqual({
			ok: false,
			reason: 'throttled',
			retryAfterMs: FIRST_DELAY - 1000
		});
		expect((await attempt(PASSWORD, '198.51.100.7', later(FIRST_DELAY))).ok).toBe(true);
	});

	it('each failure past the free ones doubles the wait, up to 15 minutes', async () => {
		const waits: number[] = [];
		let now = T0;
		for (let i = 0; i < FREE_FAILURES.account + 6; i++) {
			await attempt('guess', `203.0.113.${i}`, now);
			const until = (await listThrottles(db, now)).find((t) => t.kind === 'account')?.waitUntil;
			const wait = until ? until.getTime() - now.getTime() : 0;
			waits.push(wait / 1000);
			now = new Date(now.getTime() + wait);
		}
		expect(waits).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]);
		expect(MAX_DELAY).toBe(900_000);
	});

	it('a throttled attempt checks nothing and counts nothing', async () => {
		await attack(FREE_FAILURES.account);
		for (let i = 0; i < 10; i++) {
			expect((await attempt('guess', '203.0.113.99', later(1000))).ok).toBe(false);
		}
		expect((await listThrottles(db, later(1000))).find((t) => t.kind === 'account')?.failures).toBe(
			FREE_FAILURES.account
		);
	});

	it('counts every one of several failures that arrive at once', async () => {
		const guesses = Array.from({ length: FREE_FAILURES.account }, (_, i) =>
			attempt('guess', `203.0.113.${i}`, T0)
		);
		expect(await Promise.all(guesses)).toEqual(guesses.map(() => ({ ok: false, reason: 'wrong' })));
		const held = await listThrottles(db, later(1000));
		expect(held.find((t) => t.kind === 'account')?.failures).toBe(FREE_FAILURES.account);
		expect(await attempt(PASSWORD, '198.51.100.7', later(1000))).toMatchObject({
			reason: 'throttled'
		});
	});

	it('cannot keep people out of an account from a browser that signed in to it before', async () => {
		const first = await attempt(PASSWORD, '198.51.100.7', T0);
		if (!first.ok) throw new Error('the first sign-in failed');
		await attack(40, 0, later(1000));
		const stranger = await attempt(PASSWORD, '198.51.100.8', later(2000));
		expect(stranger).toMatchObject({ ok: false, reason: 'throttled' });
		expect(await attempt(PASSWORD, '198.51.100.7', later(2000), first.device)).toMatchObject({
			ok: true,
			device: first.device
		});
	});

	it('a device token of another account does not help', async () => {
		const orgId = admin.organisationId;
		await createUser(
			db,
			null,
			{ email: 'other@example.org', name: 'Other', role: 'viewer', organisationId: orgId },
			await hashPassword('other-password')
		);
		const other = await signIn(db, {
			email: 'other@example.org',
			password: 'other-password',
			address: '203.0.113.1',
			now: T0
		});
		if (!other.ok) throw new Error('the other sign-in failed');
		await attack(FREE_FAILURES.account);
		expect(await attempt(PASSWORD, '203.0.113.1', later(1000), other.device)).toMatchObject({
			reason: 'throttled'
		});
	});

	it('forgets a run of failures a day after the last one', async () => {
		await attack(FREE_FAILURES.account);
		const nextDay = later(24 * 3_600_000 + 1);
		await attack(FREE_FAILURES.account - 1, 10, nextDay);
		expect((await attempt(PASSWORD, '198.51.100.7', nextDay)).ok).toBe(true);
	});
});

describe('sign-in delays by address', () => {
	it('holds back an address that tries many accounts, not the others', async () => {
		for (let i = 0; i < FREE_FAILURES.address; i++) {
			await signIn(db, {
				email: `user${i}@example.org`,
				password: 'x',
				address: '10.9.9.9',
				now: T0
			});
		}
		expect(await attempt(PASSWORD, '10.9.9.9', later(1000))).toMatchObject({ reason: 'throttled' });
		expect((await attempt(PASSWORD, '10.0.0.1', later(1000))).ok).toBe(true);
	});
});

describe('administrators', () => {
	it('see who is held back and clear it, which lets the right password in at once', async () => {
		await attack(FREE_FAILURES.account);
		const entry = (await listThrottles(db, later(1000))).find((t) => t.kind === 'account');
		expect(entry).toMatchObject({
			value: EMAIL,
			failures: FREE_FAILURES.account,
			waitUntil: later(FIRST_DELAY)
		});
		await clearThrottle(db, admin, entry!.key);
		expect((await attempt(PASSWORD, '198.51.100.7', later(1000))).ok).toBe(true);
		expect(await refused(() => clearThrottle(db, admin, entry!.key))).toMatchObject({
			code: 'not_found',
			message: expect.stringContaining('This entry is gone')
		});
	});
});

describe('changing the password', () => {
	const change = (current: string, now: Date, keepSessionId: string | null = null) =>
		changePassword(db, admin, { current, password: 'a-brand-new-password', keepSessionId }, now);

	it('ends every other session and keeps the one that made the change', async () => {
		const here = await createSession(db, admin.id);
		const elsewhere = await createSession(db, admin.id);
		const result = await change(PASSWORD, T0, here.session.id);
		expect(result).toEqual({ otherSessionsEnded: 1 });
		expect((await validateSessionToken(db, here.token)).user?.id).toBe(admin.id);
		expect((await validateSessionToken(db, elsewhere.token)).user).toBeNull();
	});

	it('makes wrong current passwords wait growing delays, then takes the right one', async () => {
		for (let i = 0; i < FREE_FAILURES.password; i++) {
			await expect(change('guess', T0)).rejects.toMatchObject({
				fields: { current: expect.any(String) }
			});
		}
		const held = await change(PASSWORD, later(1000)).catch((e: unknown) => e);
		expect(held).toBeInstanceOf(UserError);
		expect(held).toMatchObject({ status: 429 });
		expect(await change(PASSWORD, later(FIRST_DELAY))).toEqual({ otherSessionsEnded: 0 });
	});
});
