/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline field work. Keeps the build and static files, and the field forms' pages with their
 * data and their route once visited, so they open with no network, even after the browser was
 * closed. Every other request goes to the network untouched; submissions wait in the page's
 * IndexedDB outbox, not here. What those pages fetch once in use (the provinces' shapes,
 * `OFFLINE_DATA`) is kept with them, fresh from the network whenever it answers.
 *
 * The router asks the server which route a link leads to (`router.resolution: 'server'` in
 * svelte.config.js: `<path>/__route.js`, a small module naming the page's scripts). For a kept
 * page its kept answer is given offline, so a link between the form and the outbox still opens
 * in place; for any other page an empty answer, which sends the browser to the page itself (and
 * so to what this worker answers for it: the page kept, or the list of pages that work offline).
 */
import { build, files, version } from '$service-worker';
import {
	assess_offline_page_intro,
	assess_offline_page_none,
	assess_offline_page_retry,
	assess_offline_page_title
} from '$lib/paraglide/messages.js';
import { isOfflinePage, OFFLINE_DATA, OFFLINE_MESSAGE } from '$lib/offline/pages';

const sw = self as unknown as ServiceWorkerGlobalScope;

const ASSETS = `assets-${version}`;
/** Pages refer to this build's assets by hashed name, so they are kept per version too. */
const PAGES = `pages-${version}`;
const ASSET_PATHS = new Set([...build, ...files]);
/** Past this, a slow network counts as none and the kept page is shown. */
const NETWORK_TIMEOUT_MS = 6_000;
const DATA = '/__data.json';
const ROUTE = '/__route.js';
/** A page's own URL for one of its parts (its data, its route), or null. */
const pageOf = (path: string) =>
	path.endsWith(DATA)
		? path.slice(0, -DATA.length)
		: path.endsWith(ROUTE)
			? path.slice(0, -ROUTE.length)
			: null;

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(ASSETS)
			.then((cache) => cache.addAll([...ASSET_PATHS]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			const keys = await caches.keys();
			// Pages kept by the previous version are fetched again for this one before it goes.
			const oldPages = keys.filter((k) => k.startsWith('pages-') && k !== PAGES);
			for (const key of oldPages) {
				const paths = (await (await caches.open(key)).keys()).map((r) => new URL(r.url).pathname);
				await keepPages(paths.filter((p) => pageOf(p) === null)).catch(() => 0);
			}
			await Promise.all(
				keys.filter((k) => k !== ASSETS && k !== PAGES).map((k) => caches.delete(k))
			);
			await sw.clients.claim();
		})()
	);
});

/** A page, its data and its route fetched with the user's session, or why not. */
async function fetchPage(
	path: string
): Promise<[Response, Response, Response] | 'refused' | 'unreachable'> {
	let page: Response, data: Response, route: Response;
	try {
		[page, data, route] = await Promise.all([
			fetch(path, { credentials: 'same-origin' }),
			fetch(`${path}${DATA}`, { credentials: 'same-origin' }),
			fetch(`${path}${ROUTE}`, { credentials: 'same-origin' })
		]);
	} catch {
		return 'unreachable';
	}
	// A redirect means signed out: keep nothing for it.
	const fine = (r: Response) => r.ok && !r.redirected;
	if (!fine(page) || !fine(data) || !fine(route)) return 'refused';
	const json = await data
		.clone()
		.json()
		.catch(() => null);
	return json?.type === 'data' ? [page, data, route] : 'refused';
}

/**
 * Keeps the pages (and their data) fresh; returns how many are kept. With no network, those kept
 * on an earlier visit still open, so they count: an offline reload is no reason to warn.
 */
async function keepPages(paths: string[]): Promise<number> {
	const cache = await caches.open(PAGES);
	let kept = 0;
	for (const path of paths) {
		if (!isOfflinePage(path)) continue;
		const fetched = await fetchPage(path);
		if (fetched === 'refused') continue;
		if (fetched === 'unreachable') {
			const [page, data] = await Promise.all([cache.match(path), cache.match(`${path}${DATA}`)]);
			if (page && data) kept += 1;
			continue;
		}
		await Promise.all([
			cache.put(path, fetched[0]),
			cache.put(`${path}${DATA}`, fetched[1]),
			cache.put(`${path}${ROUTE}`, fetched[2])
		]);
		kept += 1;
	}
	if (kept > 0) await keepData(cache);
	return kept;
}

/** The kept pages' data (`OFFLINE_DATA`) fetched again; with no network the kept copy stays. */
async function keepData(cache: Cache): Promise<void> {
	for (const path of OFFLINE_DATA) {
		const response = await fetch(path, { credentials: 'same-origin' }).catch(() => null);
		if (response?.ok && !response.redirected) await cache.put(path, response);
	}
}

function withTimeout(request: Request): Promise<Response> {
	return Promise.race([
		fetch(request),
		new Promise<Response>((_, reject) =>
			setTimeout(() => reject(new Error('timeout')), NETWORK_TIMEOUT_MS)
		)
	]);
}

async function fromAssets(request: Request): Promise<Response> {
	const cached = await caches.match(request, { cacheName: ASSETS });
	return cached ?? fetch(request);
}

/**
 * Network first, so kept pages and their data stay fresh, each fresh answer kept under `path`;
 * the kept copy when the network fails, and `missing` when there is none.
 */
async function networkFirst(
	request: Request,
	path: string,
	missing: (error: unknown) => Promise<Response>
): Promise<Response> {
	try {
		const response = await withTimeout(request);
		if (response.ok && response.type === 'basic' && !response.redirected) {
			const copy = response.clone();
			void caches.open(PAGES).then((cache) => cache.put(path, copy));
		}
		return response;
	} catch (error) {
		const cached = await caches.match(path, { cacheName: PAGES });
		return cached ?? missing(error);
	}
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);

/** A page naming, in both languages, the pages that do work offline, by their titles. */
async function fallback(): Promise<Response> {
	const cache = await caches.open(PAGES);
	const links: string[] = [];
	for (const request of await cache.keys()) {
		const path = new URL(request.url).pathname;
		// (A page's data, its route and the pages' data are no pages to open.)
		if (pageOf(path) !== null || !isOfflinePage(path)) continue;
		const html = (await (await cache.match(request))?.text()) ?? '';
		const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? path;
		links.push(`<li><a href="${escape(path)}">${title}</a></li>`);
	}
	const both = (fn: (i: object, o: { locale: 'en' | 'km' }) => string) =>
		`<span lang="en">${escape(fn({}, { locale: 'en' }))}</span> · <span lang="km">${escape(fn({}, { locale: 'km' }))}</span>`;
	const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sahakar</title><style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:36rem;padding:0 1rem;line-height:1.8;color:#1d2327}h1{color:#0b4f6c}a{color:#0b4f6c}</style></head><body><h1>${both(assess_offline_page_title)}</h1><p>${both(links.length ? assess_offline_page_intro : assess_offline_page_none)}</p><ul>${links.join('')}</ul><p><a href="">${both(assess_offline_page_retry)}</a></p></body></html>`;
	return new Response(body, {
		status: 503,
		headers: { 'content-type': 'text/html; charset=utf-8' }
	});
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (request.method === 'POST' && url.pathname === '/logout') {
		// Signing out leaves no one's pages behind; the outbox stays until sent.
		event.waitUntil(caches.delete(PAGES));
		return;
	}
	if (request.method !== 'GET') return;

	if (ASSET_PATHS.has(url.pathname)) {
		event.respondWith(fromAssets(request));
	} else if (OFFLINE_DATA.includes(url.pathname + url.search)) {
		event.respondWith(
			networkFirst(request, url.pathname + url.search, (error) => Promise.reject(error))
		);
	} else if (request.mode === 'navigate') {
		event.respondWith(
			isOfflinePage(url.pathname)
				? networkFirst(request, url.pathname, () => fallback())
				: fetch(request).catch(() => fallback())
		);
	} else if (url.pathname.endsWith(ROUTE)) {
		const page = url.pathname.slice(0, -ROUTE.length);
		event.respondWith(
			fetch(request).catch(async () => {
				const cached = isOfflinePage(page)
					? await caches.match(url.pathname, { cacheName: PAGES })
					: undefined;
				// No route: the router loads the page itself, which this worker answers.
				return cached ?? new Response('', { headers: { 'content-type': 'text/javascript' } });
			})
		);
	} else if (url.pathname.endsWith(DATA)) {
		const page = url.pathname.slice(0, -DATA.length);
		if (!isOfflinePage(page)) return;
		// The kept data has every node, whichever the router asked for; it can use them all.
		event.respondWith(
			fetch(request).catch(async () => {
				const cached = await caches.match(url.pathname, { cacheName: PAGES });
				if (cached) return cached;
				throw new Error('offline');
			})
		);
	}
});

sw.addEventListener('message', (event) => {
	const data = event.data as { type?: string; paths?: unknown } | null;
	if (data?.type !== OFFLINE_MESSAGE || !Array.isArray(data.paths)) return;
	const paths = data.paths.filter((p): p is string => typeof p === 'string');
	event.waitUntil(
		keepPages(paths)
			.then((kept) => event.ports[0]?.postMessage({ kept }))
			.catch(() => event.ports[0]?.postMessage({ kept: 0 }))
	);
});
