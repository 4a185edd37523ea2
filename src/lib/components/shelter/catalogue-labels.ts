/** Words for the NFI catalogue's codes, in the reader's language. */
import { m } from '$lib/paraglide/messages.js';
import type { Labels } from '$lib/code-labels';
import type { CatalogueKind, StandardPer } from '$lib/domain/plain/shelter';

export const standardPerLabel: Labels<StandardPer> = {
	household: m.shel_per_household,
	person: m.shel_per_person
};

export const catalogueKindLabel: Labels<CatalogueKind> = {
	item: m.shel_cat_item,
	kit: m.shel_cat_kit
};
