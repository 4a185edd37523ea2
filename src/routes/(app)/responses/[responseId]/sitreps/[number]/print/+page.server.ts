import { getResponse } from '$lib/server/responses';
import { figuresOf } from '$lib/server/sitreps';
import { sitrepFor } from '../sitrep';
import { sitrepGraphics } from '$lib/server/sitreps/svg';
import type { PageServerLoad } from './$types';

/** The report alone on A4, outside the app's shell (see `+page@.svelte`). */
export const load: PageServerLoad = (event) => {
	const { sitrep } = sitrepFor(event);
	const db = event.locals.db;
	const figures = figuresOf(db, sitrep);
	return {
		sitrep,
		responseName: getResponse(db, sitrep.responseId)?.name ?? '',
		figures,
		graphics: sitrepGraphics(db, figures)
	};
};
