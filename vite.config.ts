import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './scripts/paraglide-options.ts';

/** Components are tested as a person uses them, in a DOM with Svelte's browser build. */
const COMPONENT_TESTS = 'src/lib/components/**/*.svelte.test.ts';

/**
 * Every page's first load in the browser needs the Svelte and SvelteKit runtimes, the app's
 * frame (header, navigation, language switch) and its dates and numbers. Left to the automatic
 * splitting they come as some 30 small files, and gzip compresses each alone: as one chunk they
 * are several KB smaller. Only the client build (the server's chunks are not downloaded).
 *
 * Only the modules the frame itself imports: a part of Svelte that only some pages use (its
 * reactive Set and URL for the assessment map, the legacy-mode switch that superforms' debug
 * component turns on) goes with those pages' code instead of into every page, and so does
 * devalue's `stringify` (SvelteKit's client calls it only in development; superforms sends with
 * it). The app's dates and numbers stay in it (most pages show some). The frame's own pieces
 * (the root layout, the error page SvelteKit loads with every page, their words, fonts and Vite's
 * loading helper) are in it too: as files of their own they were ten more downloads, and each
 * compressed alone (1.5 KB more in all).
 */
/**
 * The messages' index imports every message, so every message counts as the frame's: those the
 * frame uses follow it into this chunk by themselves, the others stay with the pages that use them.
 */
const NOT_APP_BASE =
	/devalue[\\/]src[\\/]stringify\.js$|src[\\/]lib[\\/]paraglide[\\/]messages[\\/]/;
const APP_BASE_ALWAYS = /src[\\/]lib[\\/](format\.ts|domain[\\/]calendar\.ts)$/;
/** What every page starts with: SvelteKit's start-up, the root layout and error page, the app's frame. */
const FRAME =
	/@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]entry\.js$|generated[\\/]client-optimized[\\/](app\.js|nodes[\\/][01]\.js)$|src[\\/]routes[\\/]\(app\)[\\/]\+layout\.svelte$/;

function appBaseChunk(): Plugin {
	const frame = new Set<string>();
	return {
		name: 'sahakar:app-base-chunk',
		enforce: 'post',
		// The modules the frame imports, statically, read from the module graph before chunking.
		buildEnd() {
			if (this.environment?.name !== 'client') return;
			const roots = [...this.getModuleIds()].filter((id) => FRAME.test(id));
			const stack = [...roots];
			for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
				if (frame.has(id)) continue;
				frame.add(id);
				stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
			}
		},
		config(config) {
			if (config.build?.ssr) return;
			return {
				build: {
					// The browser loads a page's own scripts from the links SvelteKit writes into it;
					// the list of every page's scripts that Vite would otherwise put in the start-up
					// script (to fetch them at once on a later navigation) cost each first load about
					// 2 KB. A later page's scripts now come as their imports are read (a hovered link
					// fetches them before the click). Stylesheets are still fetched with their page.
					modulePreload: false,
					rollupOptions: {
						output: {
							codeSplitting: {
								groups: [
									{
										name: 'app-base',
										test: (id) =>
											APP_BASE_ALWAYS.test(id) || (frame.has(id) && !NOT_APP_BASE.test(id))
									}
								]
							}
						}
					}
				}
			};
		}
	};
}

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
	plugins: [
		process.env.VITEST ? null : paraglideVitePlugin(paraglideOptions),
		sveltekit(),
		process.env.VITEST ? null : appBaseChunk()
	],
	test: {
		globalSetup: ['tests/unit/setup.ts'],
		testTimeout: 30_000,
		// Set-ups that import every commune or seed a response are real work on a loaded machine.
		hookTimeout: 60_000,
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
