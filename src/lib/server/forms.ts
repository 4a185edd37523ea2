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
		// A field this form does not have (a button's form, a rule on the whole record) has its
		// message said above the form instead, so no refusal goes unsaid.
		const unshown: string[] = [];
		for (const [field, text] of Object.entries(e.fields)) {
			if (field.split('.')[0] in form.data) setError(form, field as never, text, { status });
			else unshown.push(text);
		}
		const text = unshown.length ? unshown.join(' ') : m.error_fix_fields();
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
