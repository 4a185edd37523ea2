import { sitrepOutput } from '$lib/server/sitreps/outputs';
import { sitrepPdf } from '$lib/server/sitreps/pdf';
import { download, sitrepFor } from '../sitrep';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const output = sitrepOutput(event.locals.db, sitrepFor(event).sitrep);
	return download(await sitrepPdf(output), output, 'pdf', 'application/pdf');
};
