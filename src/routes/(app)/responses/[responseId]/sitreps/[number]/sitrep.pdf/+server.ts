import { sitrepOutput } from '$lib/server/sitreps/outputs';
import { sitrepPdf } from '$lib/server/sitreps/pdf';
import { download, sitrepFor } from '../sitrep';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const output = await sitrepOutput(event.locals.db, (await sitrepFor(event)).sitrep);
	return download(await sitrepPdf(output), output, 'pdf', 'application/pdf');
};
