import { sitrepDocx } from '$lib/server/sitreps/docx';
import { download, outputOf } from '$lib/server/sitreps/outputs';
import type { RequestHandler } from './$types';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const GET: RequestHandler = async (event) => {
	const output = outputOf(event);
	return download(await sitrepDocx(output), output, 'docx', DOCX);
};
