import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './scripts/paraglide-options.ts';

export default defineConfig({
	plugins: [process.env.VITEST ? null : paraglideVitePlugin(paraglideOptions), sveltekit()],
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['tests/unit/setup.ts'],
		testTimeout: 30_000
	}
});
