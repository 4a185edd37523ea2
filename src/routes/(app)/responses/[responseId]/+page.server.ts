import { can } from '$lib/domain/policy';
import { todayInCambodia } from '$lib/domain/dates';
import { authorize } from '$lib/server/auth/guard';
import { refused } from '$lib/server/forms';
import { listProvinces } from '$lib/server/places';
import { setResponseStatus } from '$lib/server/responses';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'response.read');
	return {
		canEdit: can(user, 'response.update'),
		provinces: listProvinces(event.locals.db)
	};
};

const setStatus =
	(status: 'active' | 'closed'): Actions[string] =>
	(event) => {
		const user = authorize(event, 'response.update');
		const id = Number(event.params.responseId);
		try {
			setResponseStatus(event.locals.db, user, id, status, todayInCambodia());
		} catch (e) {
			return refused(e);
		}
	};

export const actions: Actions = {
	close: setStatus('closed'),
	reopen: setStatus('active')
};
