import { fail, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { authorize } from '$lib/server/auth/guard';
import {
	commitImport,
	formatOf,
	planImport,
	sheetFromBytes,
	type ImportPlan
} from '$lib/server/shelter/import';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'shelter.activity.import');
	return {};
};

const summary = (plan: ImportPlan) => ({
	rows: plan.rows,
	create: plan.create.length,
	update: plan.update.length,
	unchanged: plan.unchanged,
	problems: plan.problems
});

async function upload(event: RequestEvent) {
	const data = await event.request.formData();
	const file = data.get('file');
	if (!(file instanceof File) || file.size === 0) return { error: m.shel_import_choose_file() };
	const format = formatOf(file.name);
	if (!format) return { error: m.shel_import_bad_format() };
	return { file, format, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export const actions: Actions = {
	preview: async (event) => {
		const user = authorize(event, 'shelter.activity.import');
		const got = await upload(event);
		if ('error' in got) return fail(400, { error: got.error });
		const plan = await planImport(
			event.locals.db,
			user,
			Number(event.params.responseId),
			sheetFromBytes(got.bytes, got.format)
		);
		return { fileName: got.file.name, preview: summary(plan) };
	},
	commit: async (event) => {
		const user = authorize(event, 'shelter.activity.import');
		const got = await upload(event);
		if ('error' in got) return fail(400, { error: got.error });
		const { plan, result } = await commitImport(
			event.locals.db,
			user,
			Number(event.params.responseId),
			sheetFromBytes(got.bytes, got.format),
			got.file.name
		);
		if (!result) return fail(400, { fileName: got.file.name, preview: summary(plan) });
		return { fileName: got.file.name, committed: result };
	}
};
