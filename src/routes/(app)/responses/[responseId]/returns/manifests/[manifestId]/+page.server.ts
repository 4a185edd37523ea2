import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { passengerSchema, statusChangeSchema, arrivalSchema } from '$lib/domain/returns';
import { can } from '$lib/domain/policy';
import { toCambodiaTime, todayInCambodia } from '$lib/domain/dates';
import { zodFields } from '$lib/server/api';
import { authorize } from '$lib/server/auth/guard';
import { UserError } from '$lib/server/errors';
import { areasByPcode, listDistricts, listProvinces } from '$lib/server/places';
import {
	addPassengers,
	changeStatus,
	confirmArrival,
	getManifest,
	removePassenger,
	signedManifestCode
} from '$lib/server/returns';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'return.read');
	const { response } = await event.parent();
	const manifest = getManifest(event.locals.db, user, Number(event.params.manifestId));
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
		places: areasByPcode(event.locals.db, [
			manifest.destProvincePcode,
			manifest.destDistrictPcode,
			...passengerList.map((p) => p.destPcode)
		]),
		/** Where a passenger is going: a province, or a district under it. */
		destinations: [...listProvinces(event.locals.db), ...listDistricts(event.locals.db)],
		suggestedAt: toCambodiaTime(suggested),
		qr: signedManifestCode(event.locals.db, manifest.code),
		can: {
			update: can(user, 'manifest.update', manifest),
			receive: can(user, 'manifest.receive', manifest)
		}
	};
};

type FormName = 'status' | 'arrival' | 'passenger' | 'remove';

/**
 * Runs a service call; a refusal becomes the page's error, with the fields it names and the form
 * it came from (the status and arrival forms both have a time field).
 */
function attempt(form: FormName, run: () => unknown) {
	try {
		run();
		return { ok: true };
	} catch (e) {
		if (e instanceof UserError)
			return fail(e.status, { form, error: e.message, fields: e.fields ?? {} });
		if (e instanceof z.ZodError)
			return fail(400, { form, error: m.error_fix_fields(), fields: zodFields(e) });
		throw e;
	}
}

async function formObject(event: RequestEvent) {
	const data = await event.request.formData();
	const out: Record<string, unknown> = {};
	for (const key of new Set(data.keys())) {
		const all = data.getAll(key);
		out[key] = key === 'flags' || key === 'missingIds' || key === 'missingSeats' ? all : all[0];
	}
	return out;
}

export const actions: Actions = {
	status: async (event) => {
		const user = authorize(event, 'return.read');
		const input = await formObject(event);
		return attempt('status', () =>
			changeStatus(
				event.locals.db,
				user,
				Number(event.params.manifestId),
				statusChangeSchema.parse(input)
			)
		);
	},
	arrival: async (event) => {
		const user = authorize(event, 'manifest.receive');
		const input = await formObject(event);
		return attempt('arrival', () =>
			confirmArrival(
				event.locals.db,
				user,
				Number(event.params.manifestId),
				arrivalSchema.parse(input)
			)
		);
	},
	passenger: async (event) => {
		const user = authorize(event, 'return.read');
		const input = await formObject(event);
		return attempt('passenger', () =>
			addPassengers(event.locals.db, user, Number(event.params.manifestId), [
				passengerSchema.parse(input)
			])
		);
	},
	remove: async (event) => {
		const user = authorize(event, 'return.read');
		const input = await formObject(event);
		return attempt('remove', () =>
			removePassenger(
				event.locals.db,
				user,
				Number(event.params.manifestId),
				Number(input.passengerId)
			)
		);
	}
};
