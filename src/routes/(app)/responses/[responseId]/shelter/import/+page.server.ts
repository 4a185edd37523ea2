import { authorize } from '$lib/server/auth/guard';
import { CHUNK_BYTES } from '$lib/server/shelter/import';
import { LIMITS } from '$lib/server/spreadsheets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'shelter.activity.import');
	return { chunkBytes: CHUNK_BYTES, maxBytes: LIMITS.maxBytes };
};
