import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { responses } from '$lib/server/db/schema';
import type { ApiScope } from '$lib/domain/accounts';
import { createApiToken, revokeApiToken } from '$lib/server/auth/api-tokens';
import type { SessionUser } from '$lib/server/auth/sessions';
import { countAssessments } from '$lib/server/assessments/testing';
import { assessmentWorld } from '$lib/server/assessments/testing';
import { MAX_SUBMISSION_BYTES } from '$lib/server/collect/openrosa';
import { formIdOf } from '$lib/server/collect/form';
import { GET as formList } from '../formList/+server';
import { GET as formFile } from '../forms/[formId].[format]/+server';
import { HEAD, POST } from './+server';

let w: Awaited<ReturnType<typeof assessmentWorld>>;
let token: string;
beforeEach(async () => {
	w = await assessmentWorld();
	token = await tokenOf(w.field, ['write']);
});

const tokenOf = async (user: SessionUser, scopes: ApiScope[]) =>
	(await createApiToken(w.db, user, 'ODK Collect', scopes)).token;
const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function event(path: string, init: RequestInit = {}, params: Record<string, string> = {}) {
	const url = new URL(`http://localhost${path}`);
	return {
		request: new Request(url, init),
		url,
		params,
		locals: { db: w.db, user: null, apiScopes: null, sessionId: null }
	} as unknown as RequestEvent<never, never>;
}

const auth = (password = token, user = w.field.email) => ({
	authorization: basic(user, password),
	'X-OpenRosa-Version': '1.0'
});

/** What ODK Collect writes for a filled form; `over` replaces elements by name. */
function instance(over: Record<string, string> = {}, formId = formIdOf(w.responseId)) {
	const v = {
		point: '13.1 103.2 0 9',
		province: 'KH02',
		district: 'KH0201',
		commune: 'KH020101',
		pcode: 'KH020101',
		observedOn: '2020-10-15',
		affectedHouseholds: '5',
		affected_f_18_59: '9',
		access: 'road',
		waterState: 'safe',
		sanitationState: 'working',
		need_1: 'food',
		need_2: 'health',
		notes: '',
		responseId: String(w.responseId),
		instanceID: 'uuid:6f1c2ab0-8f0e-4f43-9d8a-3c1e8f2a5b10',
		...over
	};
	const el = (name: keyof typeof v) => `<${name}>${v[name]}</${name}>`;
	return (
		`<?xml version="1.0"?><data xmlns:orx="http://openrosa.org/xforms" id="${formId}" version="x">` +
		`<where>${el('point')}${el('province')}${el('district')}${el('commune')}${el('pcode')}</where>` +
		`<when>${el('observedOn')}</when><affected>${el('affectedHouseholds')}` +
		`<affected_persons>${el('affected_f_18_59')}</affected_persons></affected>` +
		`<services>${el('access')}${el('waterState')}${el('sanitationState')}</services>` +
		`<needs>${el('need_1')}${el('need_2')}</needs><other>${el('notes')}</other>${el('responseId')}` +
		`<orx:meta><orx:instanceID>${v.instanceID}</orx:instanceID></orx:meta></data>`
	);
}

function multipart(xml: string, extra?: (fd: FormData) => void) {
	const fd = new FormData();
	fd.set('xml_submission_file', new Blob([xml], { type: 'text/xml' }), 'submission.xml');
	extra?.(fd);
	return fd;
}

async function submit(body: FormData | string, headers: Record<string, string> = auth()) {
	const res = await POST(event('/submission', { method: 'POST', headers, body }));
	return { res, text: await res.text() };
}

describe('GET /formList', () => {
	it('lists the active responses’ forms with version, hash and download URL', async () => {
		await w.db
			.insert(responses)
			.values({ name: 'Old', kind: 'flood', startDate: '2019-01-01', status: 'closed' });
		const res = await formList(event('/formList', { headers: auth() }));
		expect(res.status).toBe(200);
		expect(res.headers.get('X-OpenRosa-Version')).toBe('1.0');
		expect(res.headers.get('Content-Type')).toBe('text/xml; charset=utf-8');
		const xml = await res.text();
		expect(xml).toContain('<xforms xmlns="http://openrosa.org/xforms/xformsList">');
		expect(xml.match(/<xform>/g)).toHaveLength(1);
		expect(xml).toContain(`<formID>${formIdOf(w.responseId)}</formID>`);
		expect(xml).toMatch(/<version>[0-9a-f]{12}<\/version>/);
		expect(xml).toMatch(/<hash>md5:[0-9a-f]{32}<\/hash>/);
		const url = /<downloadUrl>(.*)<\/downloadUrl>/.exec(xml)![1];
		expect(url).toBe(`http://localhost/forms/${formIdOf(w.responseId)}.xml`);

		const form = await formFile(
			event(
				new URL(url).pathname,
				{ headers: auth() },
				{ formId: formIdOf(w.responseId), format: 'xml' }
			)
		);
		const body = await form.text();
		const hash = /<hash>md5:(.*)<\/hash>/.exec(xml)![1];
		const { createHash } = await import('node:crypto');
		expect(createHash('md5').update(body).digest('hex')).toBe(hash);
	});

	it('asks for credentials with 401 and WWW-Authenticate', async () => {
		for (const headers of [{}, auth('sk_wrong'), auth(token, 'someone@else.org')]) {
			const res = await formList(event('/formList', { headers }));
			expect(res.status).toBe(401);
			expect(res.headers.get('WWW-Authenticate')).toBe('Basic realm="Sahakar", charset="UTF-8"');
			expect(await res.text()).toContain('API token with the “write” scope');
		}
	});

	it('refuses a token without the write scope, and a viewer, with 403', async () => {
		const readOnly = await tokenOf(w.field, ['read']);
		const read = await formList(event('/formList', { headers: auth(readOnly) }));
		expect(read.status).toBe(403);
		const viewer = await tokenOf(w.viewer, ['write']);
		const res = await formList(event('/formList', { headers: auth(viewer, w.viewer.email) }));
		expect(res.status).toBe(403);
	});
});

describe('HEAD and POST /submission', () => {
	it('answers HEAD with 204, the OpenRosa headers and the size it accepts', async () => {
		const res = await HEAD(event('/submission', { method: 'HEAD', headers: auth() }));
		expect(res.status).toBe(204);
		expect(res.headers.get('X-OpenRosa-Version')).toBe('1.0');
		expect(res.headers.get('X-OpenRosa-Accept-Content-Length')).toBe(String(MAX_SUBMISSION_BYTES));
		const anonymous = await HEAD(event('/submission', { method: 'HEAD' }));
		expect(anonymous.status).toBe(401);
		expect(anonymous.headers.get('WWW-Authenticate')).toMatch(/^Basic /);
	});

	it('takes a submission once: 201, then 202 for the same instance, one assessment', async () => {
		const first = await submit(multipart(instance()));
		expect(first.res.status).toBe(201);
		expect(first.text).toContain('<message nature="submit_success">Received by Sahakar.</message>');
		const again = await submit(multipart(instance()));
		expect(again.res.status).toBe(202);
		expect(await countAssessments(w.db)).toBe(1);
	});

	it('refuses the same instance ID with other answers with 409', async () => {
		await submit(multipart(instance()));
		const other = await submit(multipart(instance({ affectedHouseholds: '6' })));
		expect(other.res.status).toBe(409);
		expect(other.text).toContain('different content');
	});

	it('answers a broken rule with an OpenRosa message that names the field', async () => {
		const { res, text } = await submit(multipart(instance({ affectedHouseholds: '50' })));
		expect(res.status).toBe(400);
		expect(text).toContain('<OpenRosaResponse xmlns="http://openrosa.org/http/response">');
		expect(text).toContain('Households: More households than persons.');
		expect(await countAssessments(w.db)).toBe(0);
	});

	it('answers in Khmer to a phone set to Khmer', async () => {
		const { paraglideMiddleware } = await import('$lib/paraglide/server.js');
		const request = new Request('http://localhost/submission', {
			headers: { 'Accept-Language': 'km' }
		});
		const text = await paraglideMiddleware(
			request,
			async () => (await submit(multipart(instance({ access: '' })))).text
		);
		expect(text).toContain('សហការបានបដិសេធ');
		expect(text).toContain('ការចូលដល់');
	});

	it('refuses malformed XML, an unknown form, attachments and a body too large', async () => {
		const malformed = await submit(multipart('<data><where></data>'));
		expect(malformed.res.status).toBe(400);
		expect(malformed.text).toContain('not a well-formed');

		const unknown = await submit(multipart(instance({}, 'someone_elses_form')));
		expect(unknown.res.status).toBe(404);
		expect(unknown.text).toContain('This form is not on this Sahakar server');

		const photo = await submit(
			multipart(instance(), (fd) =>
				fd.set('photo.jpg', new Blob([new Uint8Array(10)]), 'photo.jpg')
			)
		);
		expect(photo.res.status).toBe(400);
		expect(photo.text).toContain('takes no photos or files');

		const big = await submit(multipart(instance({ notes: 'x'.repeat(MAX_SUBMISSION_BYTES) })));
		expect(big.res.status).toBe(413);

		const notMultipart = await submit(instance(), { ...auth(), 'content-type': 'text/xml' });
		expect(notMultipart.res.status).toBe(415);
		expect(await countAssessments(w.db)).toBe(0);
	});

	it('refuses a revoked token and an edited submission', async () => {
		const edited = await submit(
			multipart(
				instance().replace('</orx:meta>', '<orx:deprecatedID>uuid:1</orx:deprecatedID></orx:meta>')
			)
		);
		expect(edited.res.status).toBe(400);
		expect(edited.text).toContain('does not take edited submissions');
		const lost = await createApiToken(w.db, w.field, 'lost phone', ['write']);
		await revokeApiToken(w.db, w.field, lost.id);
		expect((await submit(multipart(instance()), auth(lost.token))).res.status).toBe(401);
		expect(await countAssessments(w.db)).toBe(0);
	});
});
