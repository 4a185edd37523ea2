import { beforeEach, describe, expect, it } from 'vitest';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { userSchema } from '$lib/domain/accounts';
import { refusal } from '$lib/server/testing';
import { eq } from 'drizzle-orm';
import { openTestDb, type RootDb } from '$lib/server/db';
import { auditLog, sessions } from '$lib/server/db/schema';
import { UserError } from '$lib/server/errors';
import {
	createOrganisation,
	createUser,
	findPasswordToken,
	issuePasswordToken,
	setPasswordWithToken,
	setUserDisabled,
	updateUser
} from './accounts';
import { createApiToken, revokeApiToken, validateApiToken } from './api-tokens';
import { hashPassword } from './crypto';
import { createSession, SESSION_LIFETIME, validateSessionToken } from './sessions';
import { signIn } from './sign-in';

let db: RootDb;
let admin: { id: number; role: 'admin'; organisationId: number };
let orgId: number;

beforeEach(async () => {
	db = openTestDb();
	orgId = createOrganisation(db, null, { name: 'IOM', acronym: 'IOM', type: 'un_agency' }).id;
	const { user } = createUser(
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

describe('sessions', () => {
	it('validates a fresh session and slides its expiry in its second half', () => {
		const t0 = new Date('2026-01-01T00:00:00Z');
		const { token } = createSession(db, admin.id, t0);
		const early = validateSessionToken(db, token, new Date(t0.getTime() + 86_400_000));
		expect(early.user?.id).toBe(admin.id);
		expect(early.renewed).toBe(false);
		const late = new Date(t0.getTime() + SESSION_LIFETIME - 86_400_000);
		const renewed = validateSessionToken(db, token, late);
		expect(renewed.renewed).toBe(true);
		expect(renewed.session?.expiresAt.getTime()).toBe(late.getTime() + SESSION_LIFETIME);
	});

	it('stores only the hash of the token', () => {
		const { token } = createSession(db, admin.id);
		const stored = db.select().from(sessions).all();
		expect(stored).toHaveLength(1);
		expect(stored[0].id).not.toContain(token);
		expect(stored[0].id).toMatch(/^[0-9a-f]{64}$/);
	});

	it('rejects an expired session and deletes it', () => {
		const t0 = new Date('2026-01-01T00:00:00Z');
		const { token } = createSession(db, admin.id, t0);
		expect(
			validateSessionToken(db, token, new Date(t0.getTime() + SESSION_LIFETIME + 1)).user
		).toBeNull();
		expect(db.select().from(sessions).all()).toHaveLength(0);
	});
});

describe('accounts', () => {
	it('creates a user with a one-time link that sets the password once', async () => {
		const { user, passwordToken } = newPartner();
		expect(user.email).toBe('partner@example.org');
		expect(findPasswordToken(db, passwordToken!)).toBeDefined();
		await setPasswordWithToken(db, passwordToken!, 'a-new-password');
		expect(findPasswordToken(db, passwordToken!)).toBeUndefined();
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

	it('refuses a second account with the same email, whatever its case', () => {
		newPartner();
		expect(() => newPartner()).toThrow(UserError);
	});

	it('a new link replaces the old one', () => {
		const { user, passwordToken } = newPartner();
		const second = issuePasswordToken(db, admin, user.id);
		expect(findPasswordToken(db, passwordToken!)).toBeUndefined();
		expect(findPasswordToken(db, second)).toBeDefined();
	});

	it('disabling a user ends their sessions at once and blocks sign-in', async () => {
		const { user, passwordToken } = newPartner();
		await setPasswordWithToken(db, passwordToken!, 'a-new-password');
		const { token } = createSession(db, user.id);
		setUserDisabled(db, admin, user.id, true);
		expect(validateSessionToken(db, token).user).toBeNull();
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

	it('changing a role signs the user out and is audited with before and after', () => {
		const { user } = newPartner();
		const { token } = createSession(db, user.id);
		updateUser(db, admin, user.id, { name: 'Partner', role: 'coordinator', organisationId: orgId });
		expect(validateSessionToken(db, token).user).toBeNull();
		const entry = db
			.select()
			.from(auditLog)
			.where(eq(auditLog.entityId, String(user.id)))
			.all()
			.at(-1);
		expect(entry).toMatchObject({
			action: 'update',
			before: { role: 'partner' },
			after: { role: 'coordinator' }
		});
	});

	it('an admin cannot disable themselves', () => {
		expect(() => setUserDisabled(db, admin, admin.id, true)).toThrow(UserError);
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
		const failures = db.select().from(auditLog).where(eq(auditLog.action, 'sign_in_failed')).all();
		expect(failures).toHaveLength(2);
		expect(JSON.stringify(failures)).not.toContain('nope');
	});
});

describe('API tokens', () => {
	it('validates a token with its scopes until it is revoked', () => {
		const { id, token } = createApiToken(db, admin, 'KoBo', ['read', 'write']);
		expect(validateApiToken(db, token)).toMatchObject({
			user: { id: admin.id },
			scopes: ['read', 'write']
		});
		expect(validateApiToken(db, `${token}x`)).toBeNull();
		revokeApiToken(db, admin, id);
		expect(validateApiToken(db, token)).toBeNull();
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

	it('promoting an account to administrator needs the confirmation too', () => {
		const { user } = newPartner();
		const promote = { name: 'Partner', role: 'admin' as const, organisationId: orgId };
		expect(refusal(() => updateUser(db, admin, user.id, promote)).fields).toHaveProperty(
			'confirmAdmin'
		);
		updateUser(db, admin, user.id, { ...promote, confirmAdmin: true });
	});
});
