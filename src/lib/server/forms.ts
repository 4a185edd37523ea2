import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import {
	SchemaError,
	setError,
	message,
	superValidate,
	type SuperValidated
} from 'sveltekit-superforms';
import { zod4, type ValidationAdapter } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { UserError } from './errors';

/**
 * Turns a service's UserError into messages on the form (next to the fields it names, or above
 * the form) and a 4xx; anything else is rethrown as the bug it is.
 */
export function failWith<T extends Record<string, unknown>>(
	form: SuperValidated<T, App.Superforms.Message>,
	e: unknown
) {
	if (!(e instanceof UserError)) throw e;
	const status = e.status as 400 | 401 | 403 | 404 | 409 | 429;
	if (e.fields) {
		// Fields this form does not have (a button's form, a rule on the whole record) are said
		// above the form instead: by the service's own sentence when the form has none of them.
		const unshown: string[] = [];
		for (const [field, text] of Object.entries(e.fields)) {
			if (field.split('.')[0] in form.data) setError(form, field as never, text, { status });
			else unshown.push(text);
		}
		const shown = unshown.length < Object.keys(e.fields).length;
		const text = !shown ? e.message : [m.error_fix_fields(), ...unshown].join(' ');
		return message(form, { type: 'error', text }, { status });
	}
	return message(form, { type: 'error', text: e.message }, { status });
}

/** A form that did not validate: its field messages, and one line above the form. */
export function invalid<T extends Record<string, unknown>>(
	form: SuperValidated<T, App.Superforms.Message>
) {
	form.message = { type: 'error', text: m.error_fix_fields() };
	return fail(400, { form });
}

const noFields = zod4(z.object({}));

/**
 * The form of an action that is only a button (delete, publish, disable): it has no fields, only
 * the message a refusal leaves, so the page gives it to `failWith` like any other form. The id
 * tells the page's `superForm(data.<id>Form)` which button the message belongs to.
 */
export function buttonForm(id: string) {
	return superValidate(noFields, { id, errors: false });
}

/**
 * `superValidate` of a posted form whose schema holds nested data (item lines, destinations),
 * which the app's own forms send as JSON. A plain field posted in its place (by a script, a
 * fuzzer, a browser without JavaScript) is then not an error of the server but an invalid form.
 */
export async function readForm<
	Out extends Record<string, unknown>,
	In extends Record<string, unknown> = Out
>(
	request: Request,
	adapter: ValidationAdapter<Out, In>,
	options?: { id?: string }
): Promise<SuperValidated<Out, App.Superforms.Message, In>> {
	try {
		return await superValidate(request, adapter, options);
	} catch (e) {
		if (!(e instanceof SchemaError)) throw e;
		const form = await superValidate<Out, App.Superforms.Message, In>(adapter, {
			...options,
			errors: false
		});
		form.valid = false;
		return form;
	}
}

/**
 * `superValidate` of a plain posted form that has a time field: superforms would read
 * `2014-06-26T08:15` as a Date in the server's zone, where the domain reads a time written
 * without a zone as Cambodia's, so the schema gets the text as posted. Fields named in `lists`
 * (checkboxes) keep every value.
 */
export async function readTimedForm<
	Out extends Record<string, unknown>,
	In extends Record<string, unknown>
>(
	request: Request,
	adapter: ValidationAdapter<Out, In>,
	options: { id: string; lists?: string[] }
): Promise<SuperValidated<Out, App.Superforms.Message, In>> {
	const posted = await request.formData();
	const values: Record<string, unknown> = {};
	for (const key of new Set(posted.keys())) {
		const all = posted.getAll(key).filter((v) => typeof v === 'string');
		values[key] = options.lists?.includes(key) ? all : all[0];
	}
	return superValidate<Out, App.Superforms.Message, In>(values as Partial<In>, adapter, {
		id: options.id
	});
}
