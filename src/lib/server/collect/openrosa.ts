/**
 * The OpenRosa protocol's envelope (https://docs.getodk.org/openrosa/): its headers, the XML
 * answers ODK Collect reads and shows, HTTP Basic auth with an API token as the password, and
 * reading a multipart submission within a size limit.
 */
import { m } from '$lib/paraglide/messages.js';
import type { ApiScope } from '$lib/domain/accounts';
import { can } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { validateApiToken } from '$lib/server/auth/api-tokens';
import type { SessionUser } from '$lib/server/auth/sessions';
import { UserError } from '$lib/server/errors';
import { escapeXml } from './xform';
import type { PublishedForm } from './forms';

/** An assessment is a few kilobytes of XML; well below adapter-node's default body limit. */
export const MAX_SUBMISSION_BYTES = 256_000;

export const OPENROSA_HEADERS = {
	'X-OpenRosa-Version': '1.0',
	'X-OpenRosa-Accept-Content-Length': String(MAX_SUBMISSION_BYTES),
	'Cache-Control': 'private, no-store'
};

/** A refusal of the protocol itself (auth, size, type), with the status it answers. */
export class ProtocolError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

const REALM = 'Basic realm="Sahakar", charset="UTF-8"';

/** The message ODK Collect shows, in OpenRosa's response envelope. */
export function openRosaResponse(status: number, message: string, nature?: string): Response {
	const xml =
		'<?xml version="1.0" encoding="UTF-8"?>\n' +
		'<OpenRosaResponse xmlns="http://openrosa.org/http/response">' +
		`<message${nature ? ` nature="${nature}"` : ''}>${escapeXml(message)}</message>` +
		'</OpenRosaResponse>\n';
	const headers: Record<string, string> = {
		...OPENROSA_HEADERS,
		'Content-Type': 'text/xml; charset=utf-8'
	};
	if (status === 401) headers['WWW-Authenticate'] = REALM;
	return new Response(xml, { status, headers });
}

/** A UserError's or ProtocolError's status and message as an OpenRosa answer. */
export function openRosaError(e: unknown): Response {
	if (e instanceof ProtocolError) return openRosaResponse(e.status, e.message, 'error');
	if (e instanceof UserError) return openRosaResponse(e.status, e.message, 'error');
	throw e;
}

/** The user name and password of an `Authorization: Basic` header. */
function basicCredentials(header: string | null): { username: string; password: string } | null {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return null;
	return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * The person behind a request: HTTP Basic with their email and a token as the password, or a
 * token alone (bearer or in the URL, as KoBo's REST services can send it). The token needs the
 * scope, the person the right to submit assessments.
 */
export async function collectActor(
	db: Db,
	auth: { authorization: string | null; token?: string | null },
	scope: ApiScope = 'write'
): Promise<SessionUser> {
	const basic = basicCredentials(auth.authorization);
	const bearer = /^Bearer\s+(\S+)$/i.exec(auth.authorization ?? '')?.[1];
	const token = basic?.password ?? bearer ?? auth.token ?? null;
	const found = token ? await validateApiToken(db, token) : null;
	if (!found) throw new ProtocolError(401, m.collect_error_sign_in());
	if (basic && basic.username.trim().toLowerCase() !== found.user.email.toLowerCase()) {
		throw new ProtocolError(401, m.collect_error_sign_in());
	}
	if (!found.scopes.includes(scope)) {
		throw new ProtocolError(403, m.error_api_scope({ scope }));
	}
	if (!can(found.user, 'assessment.submit')) throw new ProtocolError(403, m.error_forbidden());
	return found.user;
}

/** Reads a body up to `max` bytes; past that, or when it says it is bigger, a 413. */
async function readBody(request: Request, max: number): Promise<Uint8Array<ArrayBuffer>> {
	const tooLarge = () => new ProtocolError(413, m.collect_error_too_large({ max }));
	if (Number(request.headers.get('content-length') ?? 0) > max) throw tooLarge();
	if (!request.body) return new Uint8Array();
	const chunks: Uint8Array[] = [];
	let size = 0;
	const reader = request.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > max) {
			await reader.cancel();
			throw tooLarge();
		}
		chunks.push(value);
	}
	return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The instance XML of a multipart submission. The form takes no photos or files, so any other
 * file part is refused rather than dropped.
 */
export async function readSubmission(request: Request): Promise<string> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().startsWith('multipart/form-data')) {
		throw new ProtocolError(415, m.collect_error_multipart());
	}
	const body = await readBody(request, MAX_SUBMISSION_BYTES);
	let data: FormData;
	try {
		data = await new Response(body, { headers: { 'content-type': type } }).formData();
	} catch {
		throw new ProtocolError(400, m.collect_error_multipart());
	}
	const xml = data.get('xml_submission_file');
	if (!(xml instanceof Blob)) throw new ProtocolError(400, m.collect_error_no_xml());
	for (const [name, value] of data) {
		if (name !== 'xml_submission_file' && value instanceof Blob) {
			throw new ProtocolError(400, m.collect_error_attachment({ name: value.name || name }));
		}
	}
	return await xml.text();
}

/** The OpenRosa form list (https://docs.getodk.org/openrosa-form-list/). */
export function formListXml(
	forms: PublishedForm[],
	downloadUrl: (formId: string) => string
): string {
	const entries = forms.map(
		({ form, hash }) =>
			'<xform>' +
			`<formID>${escapeXml(form.formId)}</formID>` +
			`<name>${escapeXml(form.title)}</name>` +
			`<version>${escapeXml(form.version)}</version>` +
			`<hash>${hash}</hash>` +
			`<downloadUrl>${escapeXml(downloadUrl(form.formId))}</downloadUrl>` +
			'</xform>'
	);
	return (
		'<?xml version="1.0" encoding="UTF-8"?>\n' +
		`<xforms xmlns="http://openrosa.org/xforms/xformsList">\n${entries.join('\n')}\n</xforms>\n`
	);
}
