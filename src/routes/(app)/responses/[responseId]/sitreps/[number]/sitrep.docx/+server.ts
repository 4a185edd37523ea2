import { sitrepDocx } from '$lib/server/sitreps/docx';
import { sitrepOutput } from '$lib/server/sitreps/outputs';
import { download, sitrepFor } from '../sitrep';
import type { RequestHandler } from './$types';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const GET: RequestHandler = async (event) => {
	const output = await sitrepOutput(event.locals.db, (await sitrepFor(event)).sitrep);
	return download(await sitrepDocx(output), output, 'docx', DOCX);
};
