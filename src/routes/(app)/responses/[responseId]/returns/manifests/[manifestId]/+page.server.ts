import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import {
	arrivalSchema,
	passengerSchema,
	removalSchema,
	statusChangeSchema
} from '$lib/domain/returns';
import { can } from '$lib/domain/policy';
import { toCambodiaTime, todayInCambodia } from '$lib/domain/dates';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid, readTimedForm } from '$lib/server/forms';
import { areasByPcode, listDistricts, listProvinces } from '$lib/server/places';
import {
	addPassengers,
	changeStatus,
	confirmArrival,
	getManifest,
	removePassenger,
	signedManifestCode
} from '$lib/server/returns';
import type { Actions, PageServerLoad } from './$types';

/** The page's four forms, each with its id: two have a time field, and each keeps its errors. */
const forms = {
	status: zod4(statusChangeSchema),
	arrival: zod4(arrivalSchema),
	passenger: zod4(passengerSchema),
	remove: zod4(removalSchema)
};

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'return.read');
	const { response } = await event.parent();
	const manifest = await getManifest(event.locals.db, user, Number(event.params.manifestId));
	if (!manifest || manifest.responseId !== response.id)
		error(404, { message: m.error_not_found(), code: 'not_found' });
	// Suggest now, or for a past response an hour after the last step (or the plan).
	const last = manifest.arrivedAt ?? manifest.departedAt ?? manifest.boardingAt;
	const ended = response.endDate && response.endDate < todayInCambodia();
	const suggested = ended
		? new Date((last ?? manifest.plannedDeparture).getTime() + (last ? 3_600_000 : 0))
		: new Date();
	const passengerList = manifest.passengerList;
	return {
		manifest,
		places: await areasByPcode(event.locals.db, [
			manifest.destProvincePcode,
			manifest.destDistrictPcode,
			...passengerList.map((p) => p.destPcode)
		]),
		/** Where a passenger is going: a province, or a district under it. */
		destinations: [
			...(await listProvinces(event.locals.db)),
			...(await listDistricts(event.locals.db))
		],
		suggestedAt: toCambodiaTime(suggested),
		qr: await signedManifestCode(event.locals.db, manifest.code),
		can: {
			update: can(user, 'manifest.update', manifest),
			receive: can(user, 'manifest.receive', manifest)
		},
		statusForm: await superValidate(forms.status, { id: 'status', errors: false }),
		arrivalForm: await superValidate(forms.arrival, { id: 'arrival', errors: false }),
		passengerForm: await superValidate(forms.passenger, { id: 'passenger', errors: false }),
		removeForm: await superValidate(forms.remove, { id: 'remove', errors: false })
	};
};

export const actions: Actions = {
	status: async (event) => {
		const user = authorize(event, 'return.read');
		const form = await readTimedForm(event.request, forms.status, { id: 'status' });
		if (!form.valid) return invalid(form);
		try {
			await changeStatus(event.locals.db, user, Number(event.params.manifestId), form.data);
		} catch (e) {
			return failWith(form, e);
		}
		return { form };
	},
	arrival: async (event) => {
		const user = authorize(event, 'manifest.receive');
		const form = await readTimedForm(event.request, forms.arrival, {
			id: 'arrival',
			lists: ['missingIds', 'missingSeats']
		});
		if (!form.valid) return invalid(form);
		try {
			await confirmArrival(event.locals.db, user, Number(event.params.manifestId), form.data);
		} catch (e) {
			return failWith(form, e);
		}
		return { form };
	},
	passenger: async (event) => {
		const user = authorize(event, 'return.read');
		const form = await superValidate(event.request, forms.passenger, { id: 'passenger' });
		if (!form.valid) return invalid(form);
		try {
			await addPassengers(event.locals.db, user, Number(event.params.manifestId), [form.data]);
		} catch (e) {
			return failWith(form, e);
		}
		return { form };
	},
	remove: async (event) => {
		const user = authorize(event, 'return.read');
		const form = await superValidate(event.request, forms.remove, { id: 'remove' });
		if (!form.valid) return invalid(form);
		try {
			await removePassenger(
				event.locals.db,
				user,
				Number(event.params.manifestId),
				form.data.passengerId
			);
		} catch (e) {
			return failWith(form, e);
		}
		return { form };
	}
};
