import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: {
		// Runes everywhere in our own code; libraries decide for themselves.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter(),
		// The router asks the server which page a link opens (`<path>/__route.js`) instead of
		// carrying every route's pattern in each page's start-up script (3 KB gzipped). The service
		// worker keeps that answer with the pages it keeps offline (src/service-worker.ts).
		router: { resolution: 'server' },
		// Scripts and tool configs call the same services: type-check and lint them with the app.
		typescript: {
			config: (tsconfig) => {
				tsconfig.include.push('../scripts/**/*.ts', '../*.config.ts');
			}
		},
		// The same check runs in hooks.server.ts (src/lib/server/csrf.ts), which also lets ODK
		// Collect's multipart submissions through: they carry no Origin header.
		csrf: { trustedOrigins: ['*'] },
		// Scripts only from the app itself (SvelteKit adds a nonce for its own inline start-up);
		// inline styles stay allowed for Svelte's and MapLibre's style attributes. Maps fetch
		// the offline basemap from this origin and run their workers from blob: URLs. An online
		// map style's origin is added at run time (src/lib/server/http/csp.ts).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'child-src': ['self', 'blob:'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
