import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import {
	extractLocaleFromRequest,
	getLocale,
	getServerAsyncLocalStorage,
	overwriteServerAsyncLocalStorage,
	strategy
} from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import { mapOrigin, withMapOrigin } from '$lib/server/http/csp';
import { installZodMessages } from '$lib/domain/validation';
import { closeDb, getDb, migrateDb } from '$lib/server/db';
import { ensureProvinces } from '$lib/server/places/provinces';
import { recoverImports } from '$lib/server/shelter/import';
import { validateApiToken } from '$lib/server/auth/api-tokens';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/sessions';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { checkOrigin } from '$lib/server/csrf';
import { compressed } from '$lib/server/http/compress';
import { withDrawings } from '$lib/server/drawn';
import { PREVIEW_PATH } from '$lib/server/maps/preview';
import { chartResponseId } from '$lib/server/returns/charts';
import { redraw } from '$lib/server/redraw';

export const init: ServerInit = async () => {
	installZodMessages();
	const db = getDb();
	await migrateDb(db);
	// PostgreSQL's open connections would keep the process running once the server has closed.
	process.once('sveltekit:shutdown', () => void closeDb(db));
	await ensureProvinces(db);
	// Imports this server was running when it stopped are undone (or finished if published).
	await recoverImports(db);
};

const authenticate: Handle = async ({ event, resolve }) => {
	const db = getDb();
	event.locals.db = db;
	event.locals.user = null;
	event.locals.sessionId = null;
	event.locals.apiScopes = null;

	const bearer = /^Bearer\s+(\S+)$/i.exec(event.request.headers.get('authorization') ?? '');
	if (bearer && event.url.pathname.startsWith('/api/')) {
		const found = await validateApiToken(db, bearer[1]);
		if (found) {
			event.locals.user = found.user;
			event.locals.apiScopes = found.scopes;
		}
		return resolve(event);
	}

	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const { session, user, renewed } = await validateSessionToken(db, token);
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

/** Where the messages find the request's language (Paraglide's server store). */
type LocaleStore = NonNullable<ReturnType<typeof getServerAsyncLocalStorage>>;
const localeStore: LocaleStore =
	getServerAsyncLocalStorage() ?? (new AsyncLocalStorage() as unknown as LocaleStore);
overwriteServerAsyncLocalStorage(localeStore);

/**
 * The request's language (the `sahakar_lang` cookie, else Accept-Language, else English) for the
 * messages of everything it runs, as `paraglideMiddleware` gives it, without that middleware's
 * copy of every request (body included: a seventh of an API submission's CPU). The copy is for
 * languages in the URL, which Sahakar does not use; neither are its redirects.
 */
const i18n: Handle = ({ event, resolve }) => {
	const locale = extractLocaleFromRequest(event.request);
	// The page's `<html lang>` is written with its pictures (`pages`), in the same pass.
	return localeStore.run({ locale, origin: event.url.origin, messageCalls: new Set() }, () =>
		resolve(event)
	);
};
if ((strategy as readonly string[]).includes('url'))
	throw new Error('Languages in the URL need paraglideMiddleware (its copy of the request).');

/** Only the app's own pages may use the location; nothing else of the device. */
const PERMISSIONS_POLICY =
	'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), serial=()';

/** Answers the same for everyone, with no personal data: caches may keep them. */
const PUBLIC_CACHEABLE = new Set(['/api/v1/openapi.json']);
/**
 * Data with no personal details a browser may keep and revalidate by its ETag, even when a
 * signed-in person fetched it: boundary shapes, the assessment map's points (aggregate data,
 * 100,000 of them, which a revisit should not download again), the pages' map previews
 * (totals by area, drawn from figures in their own address) and the arrivals dashboard's
 * charts (totals by day and crossing point).
 */
const REVALIDATED = new Set(['/api/v1/boundaries', '/api/v1/assessments/points', PREVIEW_PATH]);
const revalidated = (url: URL) => REVALIDATED.has(url.pathname) || chartResponseId(url) !== null;

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'same-origin');
	headers.set('Permissions-Policy', PERMISSIONS_POLICY);
	if (!headers.has('X-Frame-Options')) headers.set('X-Frame-Options', 'DENY');
	// What a signed-in person saw (passenger names, API answers) stays out of every cache, so
	// Back after signing out shows nothing and a shared computer keeps nothing. Boundary shapes
	// and map points name no one and are kept to be revalidated by their ETag (their route says so).
	const kept = revalidated(event.url) && headers.has('ETag');
	const cacheable = PUBLIC_CACHEABLE.has(event.url.pathname) || kept;
	if ((event.locals.user || event.url.pathname.startsWith('/api/')) && !cacheable) {
		headers.set('Cache-Control', 'private, no-store');
	}
	const csp = headers.get('Content-Security-Policy');
	const map = mapOrigin();
	if (csp && map) headers.set('Content-Security-Policy', withMapOrigin(csp, map));
	return response;
};

/** Every answer the app makes, compressed when the browser reads it so (`http/compress.ts`). */
const compress: Handle = async ({ event, resolve }) =>
	compressed(event.request, await resolve(event));

/**
 * A page's HTML as it leaves: its language (the request's, from `i18n`) and its pictures (map
 * previews, charts: into the HTML only, their data has the links), in one pass (`withDrawings`).
 */
const pages: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) =>
			withDrawings(html, (src) => redraw(event.locals.db, event.locals.user, src), getLocale()),
		preload: ({ type, path }) =>
			type === 'js' || type === 'css' || (type === 'font' && firstPaintFont(path, getLocale()))
	});

/**
 * The fonts of text and headings, asked for with the page (a preload link from the server, no
 * script of the page's) rather than once the stylesheet is read: on a slow link they then arrive
 * before the first paint, or soon after it, instead of re-wrapping the page under the reader.
 * (Preloading the semibold too was measured: an earlier first paint, a later largest one.)
 */
function firstPaintFont(path: string, locale: string): boolean {
	const font = /noto-sans-(latin|khmer-khmer)-(\d+)-normal\.[\w-]+\.woff2$/.exec(path);
	if (!font) return false;
	const [, script, weight] = font;
	if (locale === 'km')
		return (script === 'latin' && weight === '400') || (script !== 'latin' && weight !== '600');
	return script === 'latin' && weight !== '600';
}

export const handle = sequence(compress, securityHeaders, checkOrigin, authenticate, i18n, pages);

/**
 * What a failure shows: SvelteKit's own 4xx (an unknown page, a method not allowed) as a plain
 * message in the reader's language; anything unexpected as a generic message and a reference,
 * with the error itself only in the server's log.
 */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: m.error_not_found(), code: 'not_found' };
	if (status < 500) return { message: m.sec_error_bad_request(), code: 'invalid' };
	const id = randomUUID().slice(0, 8);
	console.error(`[${id}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: m.sec_error_server(), code: 'server', id };
};
