import { beforeEach, describe, expect, it } from 'vitest';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { userSchema } from '$lib/domain/accounts';
import { refused } from '$lib/server/testing';
import { eq } from 'drizzle-orm';
import { type RootDb } from '$lib/server/db';
import { openTestDb } from '$lib/server/db/testing';
import { auditLog, sessions, users } from '$lib/server/db/schema';
import { UserError } from '$lib/server/errors';
import {
	createOrganisation,
	createUser,
	findPasswordToken,
	getUser,
	issuePasswordToken,
	setPasswordWithToken,
	setUserDisabled,
	updateUser
} from './accounts';
import { createApiToken, revokeApiToken, validateApiToken } from './api-tokens';
import { hashPassword, hashToken } from './crypto';
import { createSession, SESSION_LIFETIME, validateSessionToken } from './sessions';
import { signIn } from './sign-in';

let db: RootDb;
let admin: { id: number; role: 'admin'; organisationId: number };
let orgId: number;

beforeEach(async () => {
	db = await openTestDb();
	orgId = (await createOrganisation(db, null, { name: 'IOM', acronym: 'IOM', type: 'un_agency' }))
		.id;
	const { user } = await createUser(
		db,
		null,
		{ email: 'admin@example.org', name: 'Admin', role: 'admin', organisationId: orgId },
		await hashPassword('admin-password')
	);
	admin = { id: user.id, role: 'admin', organisationId: orgId };
});

const newPartner = () =>
	createUser(db, admin, {
		email: 'Partner@Example.org',
		name: 'Partner',
		role: 'partner',
		organisationId: orgId
	});

describe('token hashes', () => {
	// The hashes already stored (sessions, API tokens, password links) must still match.
	it('is SHA-256 of the UTF-8 in lowercase hex, as stored', () => {
		expect(hashToken('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		expect(hashToken('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		expect(hashToken('ស')).toBe('cf15cce44b44731fef9b5b45d850c5a895af7abca2d9359712969b919e162960');
	});
});

describe('sessions', () => {
	it('validates a fresh session and slides its expiry in its second half', async () => {
		const t0 = new Date('2026-01-01T00:00:00Z');
		const { token } = await createSession(db, admin.id, t0);
		const early = await validateSessionToken(db, token, new Date(t0.getTime() + 86_400_000));
		expect(early.user?.id).toBe(admin.id);
		expect(early.renewed).toBe(false);
		const late = new Date(t0.getTime() + SESSION_LIFETIME - 86_400_000);
		const renewed = await validateSessionToken(db, token, late);
		expect(renewed.renewed).toBe(true);
		expect(renewed.session?.expiresAt.getTime()).toBe(late.getTime() + SESSION_LIFETIME);
	});

	it('stores only the hash of the token', async () => {
		const { token } = await createSession(db, admin.id);
		const stored = await db.select().from(sessions);
		expect(stored).toHaveLength(1);
		expect(stored[0].id).not.toContain(token);
		expect(stored[0].id).toMatch(/^[0-9a-f]{64}$/);
	});

	it('rejects an expired session and deletes it', async () => {
		const t0 = new Date('2026-01-01T00:00:00Z');
		const { token } = await createSession(db, admin.id, t0);
		expect(
			(await validateSessionToken(db, token, new Date(t0.getTime() + SESSION_LIFETIME + 1))).user
		).toBeNull();
		expect(await db.select().from(sessions)).toHaveLength(0);
	});
});

describe('accounts', () => {
	it('creates a user with a one-time link that sets the password once', async () => {
		const { user, passwordToken } = await newPartner();
		expect(user.email).toBe('partner@example.org');
		expect(await findPasswordToken(db, passwordToken!)).toBeDefined();
		await setPasswordWithToken(db, passwordToken!, 'a-new-password');
		expect(await findPasswordToken(db, passwordToken!)).toBeUndefined();
		await expect(setPasswordWithToken(db, passwordToken!, 'again-password')).rejects.toThrow(
			UserError
		);
		expect(
			(
				await signIn(db, {
					email: 'partner@example.org',
					password: 'a-new-password',
					address: '10.0.0.1'
				})
			).ok
		).toBe(true);
	});

	it('refuses a second account with the same email, whatever its case', async () => {
		await newPartner();
		await expect(newPartner()).rejects.toThrow(UserError);
	});

	it('makes one account when the same email is sent twice at once', async () => {
		const [a, b] = await Promise.allSettled([newPartner(), newPartner()]);
		expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
		const made = await db.select().from(users).where(eq(users.email, 'partner@example.org'));
		expect(made).toHaveLength(1);
	});

	it('a new link replaces the old one', async () => {
		const { user, passwordToken } = await newPartner();
		const second = await issuePasswordToken(db, admin, user.id);
		expect(await findPasswordToken(db, passwordToken!)).toBeUndefined();
		expect(await findPasswordToken(db, second)).toBeDefined();
	});

	it('disabling a user ends their sessions at once and blocks sign-in', async () => {
		const { user, passwordToken } = await newPartner();
		await setPasswordWithToken(db, passwordToken!, 'a-new-password');
		const { token } = await createSession(db, user.id);
		await setUserDisabled(db, admin, user.id, true);
		expect((await validateSessionToken(db, token)).user).toBeNull();
		expect(
			await signIn(db, {
				email: 'partner@example.org',
				password: 'a-new-password',
				address: '10.0.0.1'
			})
		).toEqual({
			ok: false,
			reason: 'wrong'
		});
	});

	it('changing a role signs the user out and is audited with before and after', async () => {
		const { user } = await newPartner();
		const { token } = await createSession(db, user.id);
		await updateUser(db, admin, user.id, {
			name: 'Partner',
			role: 'coordinator',
			organisationId: orgId
		});
		expect((await validateSessionToken(db, token)).user).toBeNull();
		const entry = (
			await db
				.select()
				.from(auditLog)
				.where(eq(auditLog.entityId, String(user.id)))
		).at(-1);
		expect(entry).toMatchObject({
			action: 'update',
			before: { role: 'partner' },
			after: { role: 'coordinator' }
		});
	});

	it('an admin cannot disable themselves', async () => {
		await expect(setUserDisabled(db, admin, admin.id, true)).rejects.toThrow(UserError);
	});
});

describe('sign-in', () => {
	it('answers the same for a wrong password and an unknown email, and audits both', async () => {
		const wrong = await signIn(db, {
			email: 'admin@example.org',
			password: 'nope',
			address: '10.0.0.1'
		});
		const unknown = await signIn(db, {
			email: 'ghost@example.org',
			password: 'nope',
			address: '10.0.0.2'
		});
		expect(wrong).toEqual(unknown);
		const failures = await db.select().from(auditLog).where(eq(auditLog.action, 'sign_in_failed'));
		expect(failures).toHaveLength(2);
		expect(JSON.stringify(failures)).not.toContain('nope');
	});
});

describe('API tokens', () => {
	it('validates a token with its scopes until it is revoked', async () => {
		const { id, token } = await createApiToken(db, admin, 'KoBo', ['read', 'write']);
		expect(await validateApiToken(db, token)).toMatchObject({
			user: { id: admin.id },
			scopes: ['read', 'write']
		});
		expect(await validateApiToken(db, `${token}x`)).toBeNull();
		await revokeApiToken(db, admin, id);
		expect(await validateApiToken(db, token)).toBeNull();
	});
});

describe('the new-user form', () => {
	const post = (fields: Record<string, string>) => {
		const data = new FormData();
		for (const [k, v] of Object.entries(fields)) data.set(k, v);
		return superValidate(data, zod4(userSchema));
	};
	const base = { name: 'New', email: 'new@example.org', organisationId: '1' };

	it('makes no account of some role when the role is left out or empty', async () => {
		for (const form of [await post(base), await post({ ...base, role: '' })]) {
			expect(form.valid).toBe(false);
			expect(form.errors.role).toEqual(['Choose a role: the account gets no rights until you do.']);
		}
	});

	it('makes an administrator only when confirmed', async () => {
		const unconfirmed = await post({ ...base, role: 'admin' });
		expect(unconfirmed.valid).toBe(false);
		expect(unconfirmed.errors.confirmAdmin).toBeDefined();
		expect((await post({ ...base, role: 'admin', confirmAdmin: 'on' })).valid).toBe(true);
		expect((await post({ ...base, role: 'viewer' })).data.role).toBe('viewer');
	});

	it('promoting an account to administrator needs the confirmation too', async () => {
		const { user } = await newPartner();
		const promote = { name: 'Partner', role: 'admin' as const, organisationId: orgId };
		expect((await refused(() => updateUser(db, admin, user.id, promote))).fields).toHaveProperty(
			'confirmAdmin'
		);
		await updateUser(db, admin, user.id, { ...promote, confirmAdmin: true });
		expect((await getUser(db, user.id))?.role).toBe('admin');
	});
});
