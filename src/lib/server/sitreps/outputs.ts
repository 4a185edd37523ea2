/** What the PDF and DOCX of a sitrep are made from. */
import type { Db } from '$lib/server/db';
import { getResponse } from '$lib/server/responses';
import type { SitrepOutput } from './pdf';
import { figuresOf, type SitrepView } from './sitreps';
import { sitrepScenes } from './svg';

export async function sitrepOutput(db: Db, sitrep: SitrepView): Promise<SitrepOutput> {
	const figures = await figuresOf(db, sitrep);
	const response = await getResponse(db, sitrep.responseId);
	return {
		sitrep,
		responseName: response?.name ?? '',
		figures,
		scenes: await sitrepScenes(db, figures)
	};
}
