import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { installZodMessages } from '$lib/domain/validation';
import { getDb, migrateDb } from '$lib/server/db';
import { ensureProvinces } from '$lib/server/places/provinces';
import { recoverImports } from '$lib/server/shelter/import';
import { validateApiToken } from '$lib/server/auth/api-tokens';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/sessions';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { checkOrigin } from '$lib/server/csrf';

export const init: ServerInit = () => {
	installZodMessages();
	const db = getDb();
	migrateDb(db);
	ensureProvinces(db);
	// Imports this server was running when it stopped are undone (or finished if published).
	recoverImports(db);
};

const authenticate: Handle = async ({ event, resolve }) => {
	const db = getDb();
	event.locals.db = db;
	event.locals.user = null;
	event.locals.sessionId = null;
	event.locals.apiScopes = null;

	const bearer = /^Bearer\s+(\S+)$/i.exec(event.request.headers.get('authorization') ?? '');
	if (bearer && event.url.pathname.startsWith('/api/')) {
		const found = validateApiToken(db, bearer[1]);
		if (found) {
			event.locals.user = found.user;
			event.locals.apiScopes = found.scopes;
		}
		return resolve(event);
	}

	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const { session, user, renewed } = validateSessionToken(db, token);
		if (session) {
			event.locals.user = user;
			event.locals.sessionId = session.id;
			if (renewed) setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	if (!response.headers.has('X-Frame-Options')) response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

export const handle = sequence(securityHeaders, checkOrigin, authenticate, i18n);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) console.error(`${event.request.method} ${event.url.pathname}`, error);
	return { message: status === 404 ? 'Not found' : 'Something went wrong on the server.' };
};
