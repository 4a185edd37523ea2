import { can } from '$lib/domain/policy';
import { todayInCambodia } from '$lib/domain/dates';
import { authorize } from '$lib/server/auth/guard';
import { buttonForm, failWith } from '$lib/server/forms';
import { listProvinces } from '$lib/server/places';
import { setResponseStatus } from '$lib/server/responses';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'response.read');
	return {
		canEdit: can(user, 'response.update'),
		provinces: await listProvinces(event.locals.db),
		statusForm: await buttonForm('status')
	};
};

const setStatus =
	(status: 'active' | 'closed'): Actions[string] =>
	async (event) => {
		const user = authorize(event, 'response.update');
		const id = Number(event.params.responseId);
		const form = await buttonForm('status');
		try {
			await setResponseStatus(event.locals.db, user, id, status, todayInCambodia());
		} catch (e) {
			return failWith(form, e);
		}
		return { form };
	};

export const actions: Actions = {
	close: setStatus('closed'),
	reopen: setStatus('active')
};
