import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './scripts/paraglide-options.ts';

/** Components are tested as a person uses them, in a DOM with Svelte's browser build. */
const COMPONENT_TESTS = 'src/lib/components/**/*.svelte.test.ts';

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
