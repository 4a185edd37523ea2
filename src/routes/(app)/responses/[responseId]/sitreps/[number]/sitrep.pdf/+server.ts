import { download, outputOf } from '$lib/server/sitreps/outputs';
import { sitrepPdf } from '$lib/server/sitreps/pdf';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const output = outputOf(event);
	return download(await sitrepPdf(output), output, 'pdf', 'application/pdf');
};
