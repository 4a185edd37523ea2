import { randomUUID } from 'node:crypto';
import { error } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { toCambodiaTime } from '$lib/domain/dates';
import { can } from '$lib/domain/policy';
import { populationSchema } from '$lib/domain/shelter';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid } from '$lib/server/forms';
import type { Outcome } from '$lib/server/once';
import { addPopulation, getSite } from '$lib/server/shelter';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

type Event = Pick<RequestEvent, 'locals' | 'params'>;

function siteOf(event: Event) {
	const found = getSite(event.locals.db, Number(event.params.siteId));
	if (!found || found.site.responseId !== Number(event.params.responseId)) {
		error(404, { message: m.error_not_found(), code: 'not_found' });
	}
	return found;
}

/**
 * A blank count: now in Cambodia, as a datetime-local field wants it, and the id made as the
 * form is drawn, so a double click or a re-post saves the count once.
 */
const blankCount = () =>
	superValidate({ id: randomUUID(), asOf: toCambodiaTime(new Date()) }, zod4(populationSchema), {
		errors: false
	});

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'shelter.read');
	const found = siteOf(event);
	const resource = { organisationId: found.site.managingOrganisationId };
	return {
		...found,
		canEdit: can(user, 'shelter.site.manage', resource),
		canReport: can(user, 'shelter.population.submit', resource),
		form: await blankCount()
	};
};

export const actions: Actions = {
	population: async (event) => {
		const found = siteOf(event);
		const user = authorize(event, 'shelter.population.submit', {
			organisationId: found.site.managingOrganisationId
		});
		const form = await superValidate(event.request, zod4(populationSchema));
		if (!form.valid) return invalid(form);
		let outcome: Outcome;
		try {
			outcome = addPopulation(event.locals.db, user, found.site.id, form.data).outcome;
		} catch (e) {
			return failWith(form, e);
		}
		const text =
			outcome === 'created' ? m.shel_population_saved() : m.shel_population_already_saved();
		return message(await blankCount(), { type: 'ok', text });
	}
};
