/** What the PDF and DOCX of a sitrep are made from. */
import type { Db } from '$lib/server/db';
import { getResponse } from '$lib/server/responses';
import type { SitrepOutput } from './pdf';
import { figuresOf, type SitrepView } from './sitreps';
import { sitrepScenes } from './svg';

export function sitrepOutput(db: Db, sitrep: SitrepView): SitrepOutput {
	const figures = figuresOf(db, sitrep);
	return {
		sitrep,
		responseName: getResponse(db, sitrep.responseId)?.name ?? '',
		figures,
		scenes: sitrepScenes(db, figures)
	};
}
