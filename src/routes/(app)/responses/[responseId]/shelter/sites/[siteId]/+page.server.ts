import { randomUUID } from 'node:crypto';
import { error, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { toCambodiaTime } from '$lib/domain/dates';
import { can } from '$lib/domain/policy';
import { correctionSchema, populationSchema, retractionSchema } from '$lib/domain/shelter';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid } from '$lib/server/forms';
import type { Outcome } from '$lib/server/once';
import { addPopulation, correctPopulation, getSite, retractPopulation } from '$lib/server/shelter';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

type Event = Pick<RequestEvent, 'locals' | 'params'>;

async function siteOf(event: Event) {
	const found = await getSite(event.locals.db, Number(event.params.siteId));
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

/**
 * The site with its history. `?correct={id}` or `?retract={id}` (a count in force) opens the
 * correction or retraction form for that count in place of the new count's form.
 */
export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'shelter.read');
	const found = await siteOf(event);
	const resource = { organisationId: found.site.managingOrganisationId };
	const canReport = can(user, 'shelter.population.submit', resource);
	const inForce = (param: string) => {
		const id = Number(event.url.searchParams.get(param));
		return canReport ? found.history.find((h) => h.id === id && h.state === 'in_force') : undefined;
	};
	const correcting = inForce('correct');
	const retracting = correcting ? undefined : inForce('retract');
	return {
		...found,
		canEdit: can(user, 'shelter.site.manage', resource),
		canReport,
		saved: event.url.searchParams.get('saved'),
		correcting: correcting ?? null,
		retracting: retracting ?? null,
		form: await blankCount(),
		correctionForm: correcting
			? await superValidate(
					{
						id: randomUUID(),
						replaces: correcting.id,
						asOf: toCambodiaTime(correcting.asOf),
						households: correcting.households,
						...correcting.people
					},
					zod4(correctionSchema),
					{ errors: false }
				)
			: null,
		retractionForm: retracting
			? await superValidate({ retracts: retracting.id }, zod4(retractionSchema), { errors: false })
			: null
	};
};

async function reporter(event: Event & Parameters<typeof authorize>[0]) {
	const found = await siteOf(event);
	const user = authorize(event, 'shelter.population.submit', {
		organisationId: found.site.managingOrganisationId
	});
	return { found, user };
}

export const actions: Actions = {
	population: async (event) => {
		const { found, user } = await reporter(event);
		const form = await superValidate(event.request, zod4(populationSchema));
		if (!form.valid) return invalid(form);
		let outcome: Outcome;
		try {
			outcome = (await addPopulation(event.locals.db, user, found.site.id, form.data)).outcome;
		} catch (e) {
			return failWith(form, e);
		}
		const text =
			outcome === 'created' ? m.shel_population_saved() : m.shel_population_already_saved();
		return message(await blankCount(), { type: 'ok', text });
	},
	correct: async (event) => {
		const { found, user } = await reporter(event);
		const form = await superValidate(event.request, zod4(correctionSchema));
		if (!form.valid) return invalid(form);
		try {
			await correctPopulation(event.locals.db, user, found.site.id, form.data);
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, `${event.url.pathname}?saved=correction`);
	},
	retract: async (event) => {
		const { found, user } = await reporter(event);
		const form = await superValidate(event.request, zod4(retractionSchema));
		if (!form.valid) return invalid(form);
		try {
			await retractPopulation(event.locals.db, user, found.site.id, form.data);
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, `${event.url.pathname}?saved=retraction`);
	}
};
