import { m } from '$lib/paraglide/messages.js';
import { authorize } from '$lib/server/auth/guard';
import { UserError } from '$lib/server/errors';
import { buttonForm, failWith } from '$lib/server/forms';
import { levelSummaries } from '$lib/server/places/geo';
import { importBoundaries } from '$lib/server/places/import';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'boundary.import');
	return { levels: await levelSummaries(event.locals.db), importForm: await buttonForm('import') };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = authorize(event, 'boundary.import');
		// The files are read as they come (superforms keeps no files); refusals go as every form's.
		const form = await buttonForm('import');
		const uploads = (await event.request.formData())
			.getAll('files')
			.filter((f): f is File => f instanceof File && f.size > 0 && f.name !== '');
		try {
			if (uploads.length === 0) throw new UserError(m.boundaries_error_no_files());
			const files = await Promise.all(
				uploads.map(async (f) => ({ name: f.name, text: await f.text() }))
			);
			return { form, imported: await importBoundaries(event.locals.db, actor, files) };
		} catch (e) {
			return failWith(form, e);
		}
	}
};
