/** What the sitrep pages share: finding the report the URL names, if the reader may see it. */
import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { can } from '$lib/domain/policy';
import { authorize } from '$lib/server/auth/guard';
import { getSitrep } from './sitreps';

type Event = Pick<RequestEvent, 'locals' | 'url' | 'params'>;

/** The sitrep `/responses/{responseId}/sitreps/{number}`; a draft only for those who may. */
export function sitrepFor(event: Event) {
	const user = authorize(event, 'sitrep.read');
	const responseId = Number(event.params.responseId);
	const number = Number(event.params.number);
	const sitrep =
		Number.isInteger(responseId) && Number.isInteger(number)
			? getSitrep(event.locals.db, responseId, number)
			: undefined;
	if (!sitrep || (sitrep.status === 'draft' && !can(user, 'sitrep.read_draft'))) {
		error(404, { message: m.error_not_found(), code: 'not_found' });
	}
	return { user, sitrep };
}
