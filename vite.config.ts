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
 */
const APP_BASE =
	/node_modules[\\/](svelte|@sveltejs[\\/]kit|devalue|clsx|esm-env)[\\/]|src[\\/]lib[\\/](paraglide[\\/]runtime\.js|components[\\/]AppShell\.svelte|format\.ts|domain[\\/]calendar\.ts)/;

function appBaseChunk(): Plugin {
	return {
		name: 'sahakar:app-base-chunk',
		enforce: 'post',
		config(config) {
			if (config.build?.ssr) return;
			return {
				build: {
					rollupOptions: {
						output: {
							codeSplitting: {
								groups: [{ name: 'app-base', test: APP_BASE }]
							}
						}
					}
				}
			};
		}
	};
}

export default defineConfig({
	plugins: [
		process.env.VITEST ? null : paraglideVitePlugin(paraglideOptions),
		sveltekit(),
		process.env.VITEST ? null : appBaseChunk()
	],
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
