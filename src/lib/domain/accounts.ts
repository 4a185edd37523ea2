import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { phone, requiredText } from './validation';
import {
	ROLES,
	ORGANISATION_TYPES,
	LOCALES,
	PASSWORD_MIN_LENGTH,
	API_SCOPES,
	type Role
} from './plain/accounts';

export * from './plain/accounts';

export const email = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, { error: () => m.error_required() })
	.max(254, { error: () => m.error_too_long({ max: 254 }) })
	.pipe(z.email({ error: () => m.error_email() }));

const newPassword = z
	.string()
	.min(PASSWORD_MIN_LENGTH, { error: () => m.error_password_short({ min: PASSWORD_MIN_LENGTH }) })
	.max(200, { error: () => m.error_too_long({ max: 200 }) });

export const signInSchema = z.object({
	email,
	password: z.string().min(1, { error: () => m.error_required() })
});

export const organisationSchema = z.object({
	name: requiredText(200),
	acronym: requiredText(30),
	type: z.enum(ORGANISATION_TYPES, { error: () => m.error_choose() }),
	contactPhone: phone,
	contactEmail: z
		.union([z.literal(''), email])
		.nullish()
		.transform((v) => v || null)
});

const userFields = z.object({
	email,
	name: requiredText(200),
	/**
	 * No default: a role left out (a select still on "Choose…" sends nothing) is an error, never
	 * the first role of the list, which is the administrator.
	 */
	role: z
		.enum(ROLES, { error: () => m.sec_choose_role() })
		.optional()
		.refine((v) => v !== undefined, { error: () => m.sec_choose_role() })
		.transform((v) => v as Role),
	organisationId: z.coerce
		.number({ error: () => m.error_choose() })
		.int()
		.positive({
			error: () => m.error_choose()
		}),
	language: z.enum(LOCALES).default('en'),
	/** Ticked to confirm that the new account, or a promotion, is an administrator. */
	confirmAdmin: z.boolean().default(false)
});

/** Making an administrator is deliberate: the role is chosen and the choice confirmed. */
const adminConfirmed = (d: { role: Role; confirmAdmin: boolean }) =>
	d.role !== 'admin' || d.confirmAdmin;

export const userSchema = userFields.refine(adminConfirmed, {
	path: ['confirmAdmin'],
	error: () => m.sec_confirm_admin_required()
});

/** Promoting to administrator is confirmed too; the account service checks it. */
export const userEditSchema = userFields.omit({ email: true, language: true });

export const setPasswordSchema = z
	.object({ password: newPassword, confirm: z.string() })
	.refine((d) => d.password === d.confirm, {
		path: ['confirm'],
		error: () => m.error_password_mismatch()
	});

export const changePasswordSchema = z
	.object({
		current: z.string().min(1, { error: () => m.error_required() }),
		password: newPassword,
		confirm: z.string()
	})
	.refine((d) => d.password === d.confirm, {
		path: ['confirm'],
		error: () => m.error_password_mismatch()
	});

export const languageSchema = z.object({ language: z.enum(LOCALES) });

export const apiTokenSchema = z.object({
	name: requiredText(100),
	scopes: z
		.array(z.enum(API_SCOPES))
		.min(1, { error: () => m.error_choose_one() })
		.default(['read'])
});
