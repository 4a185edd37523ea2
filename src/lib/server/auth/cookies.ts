import type { Cookies } from '@sveltejs/kit';
import { isLocale } from '$lib/paraglide/runtime.js';
import { DEVICE_COOKIE, DEVICE_LIFETIME } from './devices';
import { SESSION_COOKIE } from './sessions';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `Secure` unless the app is on this machine (localhost, for development and the demo): a
 * session cookie must never travel over plain http across a network. Served over plain http to
 * another host, the browser drops the cookie and nobody can sign in, which is why production
 * belongs behind HTTPS (see the README).
 */
function secureCookie(url: URL): boolean {
	return !LOOPBACK.has(url.hostname);
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: secureCookie(url),
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, {
		httpOnly: true,
		sameSite: 'lax',
		secure: secureCookie(url),
		path: '/'
	});
}

const LANGUAGE_COOKIE = 'sahakar_lang';

/** Readable by the page's scripts: the client renders messages in this language too. */
export function setLanguageCookie(cookies: Cookies, url: URL, language: string): void {
	cookies.set(LANGUAGE_COOKIE, language, {
		httpOnly: false,
		sameSite: 'lax',
		secure: secureCookie(url),
		maxAge: 60 * 60 * 24 * 400,
		path: '/'
	});
}

/**
 * Marks the language as chosen on this device before signing in (the switch on the sign-in
 * page). The language cookie alone says nothing: Paraglide's client writes it on every first visit.
 */
const LANGUAGE_CHOSEN_COOKIE = 'sahakar_lang_chosen';

export function markLanguageChosen(cookies: Cookies, url: URL): void {
	cookies.set(LANGUAGE_CHOSEN_COOKIE, '1', {
		httpOnly: true,
		sameSite: 'lax',
		secure: secureCookie(url),
		path: '/'
	});
}

/** Was a language chosen on this device before signing in? */
export function languageChosen(cookies: Cookies): boolean {
	return cookies.get(LANGUAGE_CHOSEN_COOKIE) === '1' && isLocale(cookies.get(LANGUAGE_COOKIE));
}

/**
 * At sign-in: a language chosen on this device before signing in stays; otherwise the
 * account's. Either way the account's own language applies from then on.
 */
export function setLanguageCookieUnlessChosen(cookies: Cookies, url: URL, language: string): void {
	const chosen = languageChosen(cookies);
	cookies.delete(LANGUAGE_CHOSEN_COOKIE, { path: '/' });
	if (!chosen) setLanguageCookie(cookies, url, language);
}

/** The known-device token: sent only to the sign-in page, never readable by scripts. */
export function setDeviceCookie(cookies: Cookies, url: URL, token: string): void {
	cookies.set(DEVICE_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: secureCookie(url),
		maxAge: DEVICE_LIFETIME / 1000,
		path: '/login'
	});
}
