import { activeForms } from '$lib/server/collect/forms';
import {
	OPENROSA_HEADERS,
	collectActor,
	formListXml,
	openRosaError
} from '$lib/server/collect/openrosa';
import type { RequestHandler } from './$types';

/** OpenRosa Form List API: the forms ODK Collect may download, each with version and hash. */
export const GET: RequestHandler = async ({ locals, request, url }) => {
	try {
		await collectActor(locals.db, { authorization: request.headers.get('authorization') });
		const only = url.searchParams.get('formID');
		const forms = (await activeForms(locals.db)).filter((f) => !only || f.form.formId === only);
		const xml = formListXml(forms, (formId) => `${url.origin}/forms/${formId}.xml`);
		return new Response(xml, {
			headers: { ...OPENROSA_HEADERS, 'Content-Type': 'text/xml; charset=utf-8' }
		});
	} catch (e) {
		return openRosaError(e);
	}
};
