/** The forms on offer: one per active response, over the areas of its provinces. */
import { asc } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { adminAreas } from '$lib/server/db/schema';
import { areasUnder } from '$lib/server/assessments';
import { getResponse, listResponses } from '$lib/server/responses';
import { buildForm, responseOfFormId, type CollectForm } from './form';
import { md5Hash, renderXForm, withVersion } from './xform';

export interface PublishedForm {
	form: CollectForm;
	xml: string;
	/** `md5:…` of the XForm, as the form list announces it. */
	hash: string;
}

function allAreas(db: Db) {
	return db
		.select({
			pcode: adminAreas.pcode,
			level: adminAreas.level,
			parentPcode: adminAreas.parentPcode,
			nameEn: adminAreas.nameEn,
			nameKm: adminAreas.nameKm
		})
		.from(adminAreas)
		.orderBy(asc(adminAreas.pcode))
		.all();
}

/** The form of a response, or null when there is no such response. */
export function responseForm(db: Db, responseId: number): PublishedForm | null {
	const response = getResponse(db, responseId);
	if (!response) return null;
	// The same areas as Sahakar's own form; a response without provinces offers all of Cambodia.
	const areas = response.provinces.length ? areasUnder(db, response.provinces) : allAreas(db);
	const form = withVersion(buildForm(response, areas));
	const xml = renderXForm(form);
	return { form, xml, hash: md5Hash(xml) };
}

export function formById(db: Db, formId: string): PublishedForm | null {
	const responseId = responseOfFormId(formId);
	return responseId === null ? null : responseForm(db, responseId);
}

/** What ODK Collect lists: the active responses' forms. */
export function activeForms(db: Db): PublishedForm[] {
	return listResponses(db)
		.filter((r) => r.status === 'active')
		.map((r) => responseForm(db, r.id))
		.filter((f): f is PublishedForm => f !== null);
}
