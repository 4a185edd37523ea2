import type { Cookies } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { SESSION_COOKIE } from './sessions';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Secure whenever the browser will keep a Secure cookie: over HTTPS, and in a production build
 * on the machine itself (browsers treat plain-http localhost as secure). Over plain http to
 * another host a Secure cookie would be dropped and nobody could sign in, so production
 * belongs behind HTTPS (see the README).
 */
function secure(url: URL): boolean {
	return url.protocol === 'https:' || (!dev && LOOPBACK.has(url.hostname));
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(url),
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, {
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(url),
		path: '/'
	});
}

export const LANGUAGE_COOKIE = 'sahakar_lang';

/** Readable by the page's scripts: the client renders messages in this language too. */
export function setLanguageCookie(cookies: Cookies, url: URL, language: string): void {
	cookies.set(LANGUAGE_COOKIE, language, {
		httpOnly: false,
		sameSite: 'lax',
		secure: secure(url),
		maxAge: 60 * 60 * 24 * 400,
		path: '/'
	});
}
