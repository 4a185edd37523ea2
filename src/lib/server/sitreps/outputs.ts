/** What the PDF and DOCX of a sitrep are made from, and how they are sent. */
import type { RequestEvent } from '@sveltejs/kit';
import { getResponse } from '$lib/server/responses';
import type { SitrepOutput } from './pdf';
import { sitrepFor } from './routes';
import { figuresOf } from './sitreps';
import { sitrepScenes } from './svg';

export function outputOf(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>): SitrepOutput {
	const { sitrep } = sitrepFor(event);
	const db = event.locals.db;
	const figures = figuresOf(db, sitrep);
	return {
		sitrep,
		responseName: getResponse(db, sitrep.responseId)?.name ?? '',
		figures,
		scenes: sitrepScenes(db, figures)
	};
}

/** A download named after the report, e.g. `sitrep-3.pdf` (a draft says so in its name). */
export function download(body: Uint8Array, output: SitrepOutput, ext: string, type: string) {
	const name = `sitrep-${output.sitrep.number}${output.sitrep.status === 'draft' ? '-draft' : ''}.${ext}`;
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
}
