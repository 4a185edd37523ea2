import { authorize } from '$lib/server/auth/guard';
import { templateBytes } from '$lib/server/shelter/import/template';
import type { RequestHandler } from './$types';

/** The 4W template, with the lists of what the coded columns accept. */
export const GET: RequestHandler = async (event) => {
	authorize(event, 'shelter.activity.import');
	return new Response(await templateBytes(event.locals.db), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': 'attachment; filename="shelter-4w-template.xlsx"'
		}
	});
};
