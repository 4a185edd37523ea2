import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { can } from '$lib/domain/policy';
import { catalogueSchema } from '$lib/domain/shelter';
import { authorize } from '$lib/server/auth/guard';
import { failWith, invalid, readForm } from '$lib/server/forms';
import { listCatalogue, saveCatalogueEntry } from '$lib/server/shelter';
import type { Actions, PageServerLoad } from './$types';

/** The NFI catalogue, the same for every response; coordinators maintain it. */
export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'shelter.read');
	const catalogue = listCatalogue(event.locals.db);
	const editing = catalogue.find((c) => c.id === Number(event.url.searchParams.get('edit')));
	const canManage = can(user, 'shelter.catalogue.manage');
	return {
		catalogue,
		canManage,
		editing: editing ? { id: editing.id, code: editing.code } : null,
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
	default: async (event) => {
		const user = authorize(event, 'shelter.catalogue.manage');
		const form = await readForm(event.request, zod4(catalogueSchema));
		if (!form.valid) return invalid(form);
		const id = Number(event.url.searchParams.get('edit')) || undefined;
		try {
			saveCatalogueEntry(event.locals.db, user, form.data, id);
		} catch (e) {
			return failWith(form, e);
		}
		return message(form, { type: 'ok', text: m.shel_catalogue_saved({ code: form.data.code }) });
	}
};
