/**
 * Whether the browser's copy is current: `If-None-Match` names this tag or `*` (weak comparison,
 * as RFC 9110 asks for GET), so the answer is a 304 with no body.
 */
export function notModified(request: Request, etag: string): boolean {
	const header = request.headers.get('if-none-match');
	if (!header) return false;
	return header
		.split(',')
		.map((t) => t.trim().replace(/^W\//, ''))
		.some((t) => t === '*' || t === etag);
}
