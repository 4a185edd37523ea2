import { can } from '$lib/domain/policy';
import { formById } from '$lib/server/collect/forms';
import {
	OPENROSA_HEADERS,
	ProtocolError,
	collectActor,
	openRosaError
} from '$lib/server/collect/openrosa';
import { writeXlsForm } from '$lib/server/collect/xlsform';
import { m } from '$lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

/**
 * A response's form: `.xml`, the XForm ODK Collect downloads (HTTP Basic with a token), or
 * `.xlsx`, the XLSForm a partner deploys on their own KoBoToolbox (also from a signed-in page).
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	try {
		const signedIn = locals.user && can(locals.user, 'assessment.submit') ? locals.user : null;
		if (!signedIn) {
			await collectActor(locals.db, { authorization: request.headers.get('authorization') });
		}
		const published = await formById(locals.db, params.formId);
		if (!published || !['xml', 'xlsx'].includes(params.format)) {
			throw new ProtocolError(404, m.collect_error_unknown_form());
		}
		if (params.format === 'xml') {
			return new Response(published.xml, {
				headers: { ...OPENROSA_HEADERS, 'Content-Type': 'text/xml; charset=utf-8' }
			});
		}
		return new Response(await writeXlsForm(published.form), {
			headers: {
				'Cache-Control': 'private, no-store',
				'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'Content-Disposition': `attachment; filename="${published.form.formId}.xlsx"`
			}
		});
	} catch (e) {
		return openRosaError(e);
	}
};
