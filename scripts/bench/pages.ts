/**
 * What a browser downloads to run each page: the app signed in as the demo admin in headless
 * Chromium, every page reached by following links from the start page (one URL per route), and
 * the JavaScript responses of each page's first load summed, each gzipped as a server would send
 * it. Pages that start MapLibre as they open are map pages, outside the 80 KB target.
 */
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Cookie, type Page, type Response } from 'playwright-core';
import config from '../../playwright.config';
import { DEMO_PASSWORD } from '../../src/lib/server/seed/foundation';
import type { Bench, BenchRow } from './harness';
import { startServer } from './server';

export const PAGES_PORT = Number(process.env.PAGES_BENCH_PORT ?? 4304);
const TARGET_KB = 80;
const ADMIN = 'admin@demo.sahakar.org';

export async function launchChromium(args: string[] = []): Promise<Browser> {
	const launch = config.use?.launchOptions ?? {};
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? launch.executablePath ?? '/usr/bin/chromium',
		args: [...(launch.args ?? []), ...args]
	});
}

export async function signIn(page: Page, origin: string, email = ADMIN) {
	await page.goto(`${origin}/login`);
	await page.locator('input[name="email"]').fill(email);
	await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** The route a path belongs to: numbers and ids stand for their parameter. */
export const routeOf = (path: string) =>
	path
		.split('/')
		.map((s) => (/^\d+$|^[0-9a-f-]{16,}$/i.test(s) ? '[id]' : s))
		.join('/');

const SKIP = /^\/(api|logout|healthz|basemap|fonts)(\/|$)|\.(csv|xlsx|pdf|docx|json|geojson|xml)$/;

/**
 * One URL per route, found by following the links of every page from `/`, breadth first. Links
 * are read from up to `perRoute` pages of each route (the first measured), since what a page
 * links to depends on its record: a mass return's dashboard links to the returns pages, a
 * flood's to the shelter pages.
 */
export async function crawl(
	page: Page,
	origin: string,
	limit = 120,
	perRoute = 3
): Promise<string[]> {
	const visited = new Set<string>();
	const visits = new Map<string, number>();
	const found = new Map<string, string>();
	const queue = ['/'];
	for (let path = queue.shift(); path !== undefined && found.size < limit; path = queue.shift()) {
		const route = routeOf(path);
		const n = visits.get(route) ?? 0;
		if (visited.has(path) || n >= perRoute) continue;
		visited.add(path);
		visits.set(route, n + 1);
		const res = await page.goto(origin + path);
		if (!res || res.status() !== 200 || !res.headers()['content-type']?.includes('text/html')) {
			continue;
		}
		const landed = new URL(page.url()).pathname;
		if (landed !== path) continue;
		if (!found.has(route)) found.set(route, path);
		const hrefs = await page.$$eval('a[href]', (as) =>
			as.filter((a) => !a.hasAttribute('download')).map((a) => (a as HTMLAnchorElement).href)
		);
		for (const href of hrefs) {
			const url = new URL(href);
			if (url.origin !== origin || SKIP.test(url.pathname)) continue;
			if (!visited.has(url.pathname) && (visits.get(routeOf(url.pathname)) ?? 0) < perRoute) {
				queue.push(url.pathname);
			}
		}
	}
	return [...found.values()];
}

export interface PageScripts {
	path: string;
	/** Gzipped bytes of every script the page loaded. */
	gzipped: number;
	files: number;
	map: boolean;
}

/** Loads `path` fresh (no cache) and sums its scripts once the page has settled. */
export async function pageScripts(
	browser: Browser,
	origin: string,
	cookies: Cookie[],
	path: string
): Promise<PageScripts> {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await context.addCookies(cookies);
	const page = await context.newPage();
	const bodies: Promise<{ url: string; bytes: number }>[] = [];
	const onResponse = (res: Response) => {
		if (res.request().resourceType() !== 'script' || res.status() !== 200) return;
		bodies.push(res.body().then((b) => ({ url: res.url(), bytes: gzipSync(b).length })));
	};
	page.on('response', onResponse);
	await page.goto(origin + path, { waitUntil: 'networkidle' });
	// A script that arrives after the page settled is not part of its first load (and reading it
	// once the context closes would fail).
	page.off('response', onResponse);
	const scripts = await Promise.all(bodies);
	const map = (await page.locator('.maplibregl-map').count()) > 0;
	await context.close();
	return {
		path,
		gzipped: scripts.reduce((sum, s) => sum + s.bytes, 0),
		files: scripts.length,
		map
	};
}

export const pagesBench: Bench = {
	name: 'pages',
	async run({ workDir }) {
		const server = await startServer(workDir, PAGES_PORT);
		const browser = await launchChromium();
		try {
			const page = await browser.newPage();
			await signIn(page, server.origin);
			const paths = await crawl(page, server.origin);
			const cookies = await page.context().cookies();
			const rows: BenchRow[] = [];
			for (const path of paths) {
				const s = await pageScripts(browser, server.origin, cookies, path);
				const kb = s.gzipped / 1024;
				const verdict = s.map
					? 'map page (MapLibre on open): target not applied'
					: `target ≤ ${TARGET_KB} KB: ${kb <= TARGET_KB ? 'PASS' : 'FAIL'}`;
				rows.push({
					name: `JS of ${routeOf(path)}`,
					value: kb,
					unit: 'KB gzip',
					better: 'lower',
					note: `${s.files} files, first load; ${verdict}`
				});
			}
			return rows;
		} finally {
			await browser.close();
			await server.stop();
		}
	}
};
