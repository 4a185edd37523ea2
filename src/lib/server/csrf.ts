/**
 * SvelteKit's cross-site form check, kept here because SvelteKit's own refuses every form post
 * without an Origin header and runs before any hook (sveltejs/kit#15992): ODK Collect posts
 * multipart submissions without one. So `kit.csrf.trustedOrigins: ['*']` turns SvelteKit's off
 * and this does the same check, but lets such posts through on the OpenRosa submission path,
 * which is authenticated by its Authorization header, never by a cookie. A browser always sends
 * Origin with a cross-site post, so a page elsewhere still cannot post there.
 */
import { text, type Handle } from '@sveltejs/kit';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WITHOUT_ORIGIN = new Set(['/submission']);

export const checkOrigin: Handle = ({ event, resolve }) => {
	const { request, url } = event;
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
	const origin = request.headers.get('origin');
	const forbidden =
		WRITES.has(request.method) &&
		FORM_TYPES.includes(type) &&
		origin !== url.origin &&
		!(origin === null && WITHOUT_ORIGIN.has(url.pathname));
	if (forbidden)
		return text(`Cross-site ${request.method} form submissions are forbidden`, { status: 403 });
	return resolve(event);
};
