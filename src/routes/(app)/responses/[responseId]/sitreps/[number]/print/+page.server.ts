import { getResponse } from '$lib/server/responses';
import { figuresOf } from '$lib/server/sitreps';
import { sitrepFor } from '../sitrep';
import { sitrepGraphics } from '$lib/server/sitreps/svg';
import type { PageServerLoad } from './$types';

/** The report alone on A4, outside the app's shell (see `+page@.svelte`). */
export const load: PageServerLoad = async (event) => {
	const { sitrep } = await sitrepFor(event);
	const db = event.locals.db;
	const figures = await figuresOf(db, sitrep);
	return {
		sitrep,
		responseName: (await getResponse(db, sitrep.responseId))?.name ?? '',
		figures,
		graphics: await sitrepGraphics(db, figures)
	};
};
