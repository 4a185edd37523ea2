import { redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { can } from '$lib/domain/policy';
import { catalogueSchema } from '$lib/domain/shelter';
import { authorize } from '$lib/server/auth/guard';
import { UserError } from '$lib/server/errors';
import { buttonForm, failWith, invalid, readForm } from '$lib/server/forms';
import { deleteCatalogueEntry, listCatalogue, saveCatalogueEntry } from '$lib/server/shelter';
import type { Actions, PageServerLoad } from './$types';

/** The NFI catalogue, the same for every response; coordinators maintain it. */
export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'shelter.read');
	const catalogue = await listCatalogue(event.locals.db);
	const editing = catalogue.find((c) => c.id === Number(event.url.searchParams.get('edit')));
	const canManage = can(user, 'shelter.catalogue.manage');
	// Said only of a code the catalogue no longer holds, so a crafted link cannot claim otherwise.
	const deleted = event.url.searchParams.get('deleted');
	return {
		catalogue,
		canManage,
		editing: editing ? { id: editing.id, code: editing.code } : null,
		deleted: deleted && !catalogue.some((c) => c.code === deleted) ? deleted : null,
		deleteForm: await buttonForm('delete'),
		form: canManage
			? await superValidate(
					editing
						? {
								...editing,
								components: editing.components.map(({ itemId, quantity }) => ({ itemId, quantity }))
							}
						: { kind: 'item', standardPer: 'household', standardQty: 0, components: [] },
					zod4(catalogueSchema),
					{ errors: false }
				)
			: null
	};
};

export const actions: Actions = {
	save: async (event) => {
		const user = authorize(event, 'shelter.catalogue.manage');
		const form = await readForm(event.request, zod4(catalogueSchema));
		if (!form.valid) return invalid(form);
		const id = Number(event.url.searchParams.get('edit')) || undefined;
		try {
			await saveCatalogueEntry(event.locals.db, user, form.data, id);
		} catch (e) {
			return failWith(form, e);
		}
		return message(form, { type: 'ok', text: m.shel_catalogue_saved({ code: form.data.code }) });
	},
	delete: async (event) => {
		const user = authorize(event, 'shelter.catalogue.manage');
		const form = await buttonForm('delete');
		const id = Number(event.url.searchParams.get('edit'));
		let code: string;
		try {
			if (!Number.isSafeInteger(id) || id <= 0)
				throw new UserError(m.shel_error_catalogue_unknown());
			code = (await deleteCatalogueEntry(event.locals.db, user, id)).code;
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, `/shelter/catalogue?deleted=${encodeURIComponent(code)}`);
	}
};
