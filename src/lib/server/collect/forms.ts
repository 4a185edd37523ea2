/** The forms on offer: one per active response, over the areas of its provinces. */
import type { Db } from '$lib/server/db';
import { allAreas, areasUnder } from '$lib/server/places';
import { getResponse, listResponses } from '$lib/server/responses';
import { buildForm, responseOfFormId, type CollectForm } from './form';
import { md5Hash, renderXForm, withVersion } from './xform';

export interface PublishedForm {
	form: CollectForm;
	xml: string;
	/** `md5:…` of the XForm, as the form list announces it. */
	hash: string;
}

/** The form of a response, or null when there is no such response. */
export async function responseForm(db: Db, responseId: number): Promise<PublishedForm | null> {
	const response = await getResponse(db, responseId);
	if (!response) return null;
	// The same areas as Sahakar's own form; a response without provinces offers all of Cambodia.
	const areas = response.provinces.length
		? await areasUnder(db, response.provinces)
		: await allAreas(db);
	const form = withVersion(buildForm(response, areas));
	const xml = renderXForm(form);
	return { form, xml, hash: md5Hash(xml) };
}

export async function formById(db: Db, formId: string): Promise<PublishedForm | null> {
	const responseId = responseOfFormId(formId);
	return responseId === null ? null : await responseForm(db, responseId);
}

/** What ODK Collect lists: the active responses' forms. */
export async function activeForms(db: Db): Promise<PublishedForm[]> {
	const forms: PublishedForm[] = [];
	for (const r of await listResponses(db)) {
		if (r.status !== 'active') continue;
		const form = await responseForm(db, r.id);
		if (form) forms.push(form);
	}
	return forms;
}
