/** How the messages compile, shared by the Vite plugin and the unit tests' setup. */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// The user's choice lives in a cookie (set from their account when they sign in).
	strategy: ['cookie', 'preferredLanguage', 'baseLocale'] as (
		'cookie' | 'preferredLanguage' | 'baseLocale'
	)[],
	cookieName: 'sahakar_lang',
	cookieMaxAge: 60 * 60 * 24 * 400
};
