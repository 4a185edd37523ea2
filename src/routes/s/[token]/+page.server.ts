import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getResponse } from '$lib/server/responses';
import { getSitrepById, sharedSitrepId } from '$lib/server/sitreps';
import { sitrepGraphics } from '$lib/server/sitreps/svg';
import type { PageServerLoad } from './$types';

/**
 * A published sitrep by its share link, for anyone who has the link: no sign-in. An unknown or
 * revoked link is a 404 like any missing page, telling nothing about what it once opened.
 */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	const id = await sharedSitrepId(locals.db, params.token);
	const sitrep = id ? await getSitrepById(locals.db, id) : undefined;
	if (!sitrep?.figures) error(404, { message: m.error_not_found(), code: 'not_found' });
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	return {
		sitrep,
		responseName: (await getResponse(locals.db, sitrep.responseId))?.name ?? '',
		figures: sitrep.figures,
		graphics: await sitrepGraphics(locals.db, sitrep.figures)
	};
};
