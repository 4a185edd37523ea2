import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { authorize } from '$lib/server/auth/guard';
import { getResponse } from '$lib/server/responses';
import type { LayoutServerLoad } from './$types';

/** Every page inside a response gets the response, or a 404 for an unknown one. */
export const load: LayoutServerLoad = (event) => {
	authorize(event, 'response.read');
	const id = Number(event.params.responseId);
	const response = Number.isInteger(id) ? getResponse(event.locals.db, id) : undefined;
	if (!response) error(404, { message: m.error_not_found(), code: 'not_found' });
	return { response };
};
