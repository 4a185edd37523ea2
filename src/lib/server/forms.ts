import { fail } from '@sveltejs/kit';
import {
	SchemaError,
	setError,
	message,
	superValidate,
	type SuperValidated
} from 'sveltekit-superforms';
import type { ValidationAdapter } from 'sveltekit-superforms/adapters';
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
		for (const [field, text] of Object.entries(e.fields)) {
			// Field names come from our own services, which name real fields of the form.
			setError(form, field as never, text, { status });
		}
		return message(form, { type: 'error', text: m.error_fix_fields() }, { status });
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

/**
 * A service's refusal for pages whose actions are plain forms: `{ error }` and its status for the
 * page to show. Anything else is a bug and goes to the error page, never its text to the user.
 */
export function refused(e: unknown) {
	if (!(e instanceof UserError)) throw e;
	return fail(e.status, { error: e.message });
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
