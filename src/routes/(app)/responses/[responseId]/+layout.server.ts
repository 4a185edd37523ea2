import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { RESPONSE_AREAS, type ResponseArea } from '$lib/domain/responses';
import { authorize } from '$lib/server/auth/guard';
import { getResponse } from '$lib/server/responses';
import { responseAreaLabel } from '$lib/labels';
import type { LayoutServerLoad } from './$types';

/** The area a page under `/responses/[responseId]/…` belongs to, from its route, if any. */
function areaOf(routeId: string | null): ResponseArea | undefined {
	const segment = routeId?.split('/')[4];
	return RESPONSE_AREAS.find((a) => a === segment);
}

/**
 * Every page inside a response gets the response, or a 404 for an unknown one, or for a page of
 * an area the response does not use (saying so, rather than showing half a page).
 */
export const load: LayoutServerLoad = async (event) => {
	authorize(event, 'response.read');
	const id = Number(event.params.responseId);
	const response = Number.isInteger(id) ? await getResponse(event.locals.db, id) : undefined;
	if (!response) error(404, { message: m.error_not_found(), code: 'not_found' });
	const area = areaOf(event.route.id);
	if (area && !response.areas.includes(area)) {
		error(404, {
			message: m.response_area_unused({ area: responseAreaLabel[area]() }),
			code: 'area_unused'
		});
	}
	return { response };
};
