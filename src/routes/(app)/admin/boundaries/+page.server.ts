import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { authorize } from '$lib/server/auth/guard';
import { UserError } from '$lib/server/errors';
import { levelSummaries } from '$lib/server/places/geo';
import { importBoundaries } from '$lib/server/places/import';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'boundary.import');
	return { levels: levelSummaries(event.locals.db) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = authorize(event, 'boundary.import');
		const data = await event.request.formData();
		const uploads = data
			.getAll('files')
			.filter((f): f is File => f instanceof File && f.size > 0 && f.name !== '');
		if (uploads.length === 0) return fail(400, { error: m.boundaries_error_no_files() });
		const files = await Promise.all(
			uploads.map(async (f) => ({ name: f.name, text: await f.text() }))
		);
		try {
			const summary = importBoundaries(event.locals.db, actor, files);
			return { imported: summary };
		} catch (e) {
			if (e instanceof UserError) return fail(e.status, { error: e.message });
			throw e;
		}
	}
};
