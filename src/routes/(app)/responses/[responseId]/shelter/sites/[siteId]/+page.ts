import type { PageLoad } from './$types';

/**
 * The correction and retraction forms are opened from a count's row (`?correct=` or `?retract=`)
 * and are rarely used: their code comes with the page that shows one (on the server as in the
 * browser, so they work without JavaScript too), not with every visit to the site.
 */
export const load: PageLoad = async ({ data }) => ({
	...data,
	CountCorrection: data.correctionForm
		? (await import('$lib/components/shelter/CountCorrection.svelte')).default
		: null,
	CountRetraction: data.retractionForm
		? (await import('$lib/components/shelter/CountRetraction.svelte')).default
		: null
});
