/**
 * Roles, organisation types, languages and API scopes as pages list them, without zod: a page
 * imports them from here so that its first load does not carry the schemas (`../accounts.ts`,
 * which re-exports all of this).
 */

export const ROLES = ['admin', 'coordinator', 'partner', 'field', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_TYPES = [
	'un_agency',
	'international_ngo',
	'ngo',
	'government',
	'red_cross',
	'other'
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const LOCALES = ['en', 'km'] as const;
export type Locale = (typeof LOCALES)[number];

export const PASSWORD_MIN_LENGTH = 10;

export const API_SCOPES = ['read', 'write', 'export'] as const;
export type ApiScope = (typeof API_SCOPES)[number];
