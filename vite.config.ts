import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './scripts/paraglide-options.ts';

/** Components are tested as a person uses them, in a DOM with Svelte's browser build. */
const COMPONENT_TESTS = 'src/lib/components/**/*.svelte.test.ts';

/**
 * The service and API tests run a second time on PostgreSQL when a cluster is at hand
 * (`PG_TEST_URL`, set by scripts/pg-test-cluster.sh): the process serves PostgreSQL, so the
 * schema hands out its tables and each test gets a database of its own. The `db/` tests are each
 * engine's own and choose it themselves.
 */
const SERVICE_TESTS = [
	'src/lib/server/**/*.test.ts',
	'src/routes/**/*.test.ts',
	'src/hooks.server.test.ts',
	'src/lib/offline/*.test.ts'
];
const PG_TEST_URL = process.env.PG_TEST_URL;

export default defineConfig({
	plugins: [process.env.VITEST ? null : paraglideVitePlugin(paraglideOptions), sveltekit()],
	test: {
		globalSetup: ['tests/unit/setup.ts'],
		testTimeout: 30_000,
		projects: [
			{
				extends: true,
				test: {
					name: 'server',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					exclude: [COMPONENT_TESTS],
					environment: 'node'
				}
			},
			...(PG_TEST_URL
				? [
						{
							extends: true as const,
							test: {
								name: 'server-postgres',
								include: SERVICE_TESTS,
								exclude: ['src/lib/server/db/**'],
								environment: 'node',
								env: { DATABASE_URL: PG_TEST_URL },
								globalSetup: ['tests/unit/setup.ts', 'tests/unit/pg-global-setup.ts'],
								setupFiles: ['tests/unit/pg-setup.ts']
							}
						}
					]
				: []),
			{
				extends: true,
				plugins: [svelteTesting()],
				test: {
					name: 'components',
					include: [COMPONENT_TESTS],
					environment: 'jsdom',
					setupFiles: ['tests/unit/components-setup.ts']
				}
			}
		]
	}
});
