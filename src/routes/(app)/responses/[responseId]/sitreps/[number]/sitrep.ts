/** What the sitrep pages and downloads share: the report the URL names, and how files are sent. */
import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { sitrepFileName } from '$lib/domain/plain/sitreps';
import { authorize } from '$lib/server/auth/guard';
import { readableSitrep } from '$lib/server/sitreps';
import type { SitrepOutput } from '$lib/server/sitreps/pdf';

type Event = Pick<RequestEvent, 'locals' | 'url' | 'params'>;

/** The sitrep `/responses/{responseId}/sitreps/{number}`, or a 404 when the reader may not see it. */
export async function sitrepFor(event: Event) {
	const user = authorize(event, 'sitrep.read');
	const sitrep = await readableSitrep(
		event.locals.db,
		user,
		Number(event.params.responseId),
		Number(event.params.number)
	);
	if (!sitrep) error(404, { message: m.error_not_found(), code: 'not_found' });
	return { user, sitrep };
}

/** A download named after the report and its response (see `sitrepFileName`). */
export function download(body: Uint8Array, output: SitrepOutput, ext: string, type: string) {
	const name = sitrepFileName({ ...output.sitrep, responseName: output.responseName }, ext);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
}
