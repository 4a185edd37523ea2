/**
 * `npx tsx scripts/make-icons.ts`: renders the app icon (static/favicon.svg) into the PNG sizes
 * the web manifest names, with headless Chromium. Run again after changing the SVG.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync('static/favicon.svg', 'utf8');
// Maskable icons are cropped to a circle by some launchers: full bleed, the mark within 80 %.
const maskable = svg
	.replace('rx="12"', 'rx="0"')
	.replace(/<path/, '<g transform="translate(6.4 6.4) scale(0.8)"><path')
	.replace(/<\/svg>$/, '</g></svg>');

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu']
});
const page = await browser.newPage();
for (const [name, size, source] of [
	['icon-192.png', 192, svg],
	['icon-512.png', 512, svg],
	['maskable-512.png', 512, maskable],
	['apple-touch-icon.png', 180, maskable]
] as const) {
	await page.setViewportSize({ width: size, height: size });
	const sized = source.replace('<svg ', `<svg width="${size}" height="${size}" `);
	await page.setContent(`<body style="margin:0">${sized}</body>`);
	const png = await page.locator('svg').screenshot({ omitBackground: true });
	writeFileSync(`static/icons/${name}`, png);
	console.info(`static/icons/${name}: ${png.length} bytes`);
}
await browser.close();
