import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { can } from '$lib/domain/policy';
import { activitySchema, reviewSchema } from '$lib/domain/shelter';
import { requireUser } from '$lib/server/auth/guard';
import { buttonForm, failWith, invalid, readForm } from '$lib/server/forms';
import {
	activityFormOptions,
	deleteActivity,
	getActivity,
	reviewActivity,
	updateActivity
} from '$lib/server/shelter';
import { getArea } from '$lib/server/places';
import type { Actions, PageServerLoad } from './$types';

type Event = Pick<RequestEvent, 'locals' | 'params' | 'url'>;

/** The row, if it belongs to this response and the user may read it (else a 404, as if absent). */
async function activityOf(event: Event) {
	const user = requireUser(event);
	const row = await getActivity(event.locals.db, Number(event.params.activityId));
	if (
		!row ||
		row.responseId !== Number(event.params.responseId) ||
		!can(user, 'shelter.activity.read', {
			organisationId: row.organisationId,
			status: row.reviewState
		})
	) {
		error(404, { message: m.error_not_found(), code: 'not_found' });
	}
	return { user, row };
}

export const load: PageServerLoad = async (event) => {
	const { user, row } = await activityOf(event);
	const { response } = await event.parent();
	const resource = { organisationId: row.organisationId, status: row.reviewState };
	const canEdit = can(user, 'shelter.activity.edit', resource);
	const { items, ...values } = row;
	return {
		activity: row,
		area: row.pcode ? ((await getArea(event.locals.db, row.pcode)) ?? null) : null,
		canEdit,
		canDelete: can(user, 'shelter.activity.delete', resource),
		canReview: can(user, 'shelter.activity.review', resource),
		canReopen: can(user, 'shelter.activity.reopen', resource),
		form: canEdit
			? await superValidate({ ...values, items }, zod4(activitySchema), { errors: false })
			: null,
		options: await activityFormOptions(event.locals.db, user, response.id, response.provinces),
		reviewForm: await superValidate(zod4(reviewSchema), { id: 'review', errors: false }),
		deleteForm: await buttonForm('delete')
	};
};

async function save(event: RequestEvent, submit: boolean) {
	const { user, row } = await activityOf(event);
	const form = await readForm(event.request, zod4(activitySchema));
	if (!form.valid) return invalid(form);
	try {
		await updateActivity(event.locals.db, user, row.id, form.data, { submit });
	} catch (e) {
		return failWith(form, e);
	}
	redirect(303, event.url.pathname);
}

export const actions: Actions = {
	save: (event) => save(event, false),
	saveAndSubmit: (event) => save(event, true),
	review: async (event) => {
		const { user, row } = await activityOf(event);
		const form = await superValidate(event.request, zod4(reviewSchema), { id: 'review' });
		if (!form.valid) return invalid(form);
		try {
			await reviewActivity(event.locals.db, user, row.id, form.data);
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, event.url.pathname);
	},
	delete: async (event) => {
		const { user, row } = await activityOf(event);
		const form = await buttonForm('delete');
		try {
			await deleteActivity(event.locals.db, user, row.id);
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, `/responses/${event.params.responseId}/shelter/activities`);
	}
};
