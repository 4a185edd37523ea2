import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: {
		// Runes everywhere in our own code; libraries decide for themselves.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter(),
		// The same check runs in hooks.server.ts (src/lib/server/csrf.ts), which also lets ODK
		// Collect's multipart submissions through: they carry no Origin header.
		csrf: { trustedOrigins: ['*'] }
	}
};

export default config;
