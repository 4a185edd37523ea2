import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);
export const BASE_URL = `http://localhost:${PORT}`;

/**
 * End-to-end tests drive Debian's Chromium against the built app, served by `npm run demo`'s
 * script on a fresh demo database.
 */
export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.e2e.ts',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1,
	// A test that passes only on a second try is a flaky test to fix, in CI too.
	retries: 0,
	reporter: [['list']],
	use: {
		baseURL: BASE_URL,
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		},
		trace: 'retain-on-failure'
	},
	webServer: {
		command: 'rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm && tsx scripts/demo.ts',
		url: `${BASE_URL}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		env: { PORT: String(PORT), ORIGIN: BASE_URL, DATABASE_URL: 'data/e2e.db' }
	}
});
