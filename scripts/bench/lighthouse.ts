/**
 * Lighthouse 12 on every page (found as the `pages` benchmark finds them), its default mobile
 * preset: simulated slow 4G and a 4× slower CPU, a cold cache each run. Slow (about half a
 * minute a page), so it runs only when named: `npm run bench -- lighthouse`;
 * `LIGHTHOUSE_ONLY=/returns,/map` keeps the routes ending so; `LIGHTHOUSE_REPORT_DIR=dir` keeps
 * each page's full report as JSON (its audits: what costs the score).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium as playwright, type Cookie } from 'playwright-core';
import config from '../../playwright.config';
import type { Bench, BenchRow } from './harness';
import { crawl, launchChromium, routeOf, signIn } from './pages';
import { startServer } from './server';

const SERVER_PORT = Number(process.env.LIGHTHOUSE_SERVER_PORT ?? 4305);
const DEBUG_PORT = Number(process.env.LIGHTHOUSE_DEBUG_PORT ?? 4306);
const TARGET = 90;

/** Chromium with a debugging port for Lighthouse, as chrome-launcher would start it. */
async function debuggableChromium(workDir: string) {
	const child = spawn(
		process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		[
			'--headless=new',
			// The same switches as the end-to-end tests' browser.
			...(config.use?.launchOptions?.args ?? []).filter((arg) => arg !== '--headless'),
			`--remote-debugging-address=127.0.0.1`,
			`--remote-debugging-port=${DEBUG_PORT}`,
			`--user-data-dir=${mkdtempSync(join(workDir, 'chromium-'))}`,
			'about:blank'
		],
		{ stdio: 'ignore' }
	);
	for (let i = 0; i < 100; i++) {
		const up = await fetch(`http://127.0.0.1:${DEBUG_PORT}/json/version`).then(
			(r) => r.ok,
			() => false
		);
		if (up) return child;
		await new Promise((r) => setTimeout(r, 100));
	}
	child.kill();
	throw new Error('Chromium did not open its debugging port');
}

export const lighthouseBench: Bench = {
	name: 'lighthouse',
	async run({ workDir }) {
		const server = await startServer(workDir, SERVER_PORT);
		const only = process.env.LIGHTHOUSE_ONLY?.split(',').filter(Boolean);
		let paths: string[];
		let cookies: Cookie[];
		const browser = await launchChromium();
		try {
			const page = await browser.newPage();
			await signIn(page, server.origin);
			paths = await crawl(page, server.origin);
			cookies = await page.context().cookies();
		} finally {
			await browser.close();
		}
		if (only) paths = paths.filter((p) => only.some((w) => routeOf(p).endsWith(w)));
		const chromium = await debuggableChromium(workDir);
		try {
			// The session goes in the browser's own cookies: a Cookie header given to Lighthouse
			// loses to them once the app has set any cookie, and the page becomes the sign-in page.
			const cdp = await playwright.connectOverCDP(`http://127.0.0.1:${DEBUG_PORT}`);
			await cdp.contexts()[0].addCookies(cookies);
			// Disconnects only; Lighthouse alone drives the browser while it measures.
			await cdp.close();
			const rows: BenchRow[] = [];
			for (const path of paths) {
				const result = await lighthouse(server.origin + path, {
					port: DEBUG_PORT,
					logLevel: 'error',
					onlyCategories: ['performance']
				});
				const lhr = result?.lhr;
				// `LIGHTHOUSE_REPORT_DIR=dir` keeps each page's full report (its audits say what costs).
				const reportDir = process.env.LIGHTHOUSE_REPORT_DIR;
				if (reportDir && lhr) {
					mkdirSync(reportDir, { recursive: true });
					const file =
						routeOf(path)
							.replace(/^\//, '')
							.replace(/[^\w-]+/g, '_') || 'home';
					writeFileSync(join(reportDir, `${file}.json`), JSON.stringify(lhr));
				}
				// A page that sent the browser elsewhere (the sign-in page) was not measured.
				const landed = lhr ? new URL(lhr.finalDisplayedUrl).pathname : '';
				const score =
					landed === path ? Math.round((lhr?.categories.performance.score ?? 0) * 100) : 0;
				const audit = (id: string) => lhr?.audits[id]?.numericValue ?? Number.NaN;
				rows.push({
					name: `Lighthouse mobile ${routeOf(path)}`,
					value: score,
					unit: 'score',
					better: 'higher',
					note:
						`FCP ${(audit('first-contentful-paint') / 1000).toFixed(1)} s, ` +
						`LCP ${(audit('largest-contentful-paint') / 1000).toFixed(1)} s, ` +
						`TBT ${Math.round(audit('total-blocking-time'))} ms, ` +
						`CLS ${audit('cumulative-layout-shift').toFixed(2)}, ` +
						`SI ${(audit('speed-index') / 1000).toFixed(1)} s; ` +
						(landed === path ? '' : `landed on ${landed}; `) +
						`target ≥ ${TARGET}: ${score >= TARGET ? 'PASS' : 'FAIL'}`
				});
			}
			return rows;
		} finally {
			const exited = new Promise((r) => chromium.once('exit', r));
			chromium.kill();
			await exited;
			await server.stop();
		}
	}
};
