/**
 * The authorization matrix: every request the app answers (found in the route tree by
 * tests/support/routes.ts), what each role gets, signed in with a session of the OWN
 * organisation, and what a signed-out visitor gets; for requests on a record, once on a record
 * of the OWN organisation and once on one of the OTHER. tests/authorization.e2e.ts sends every
 * cell to the built app and fails on any difference, on any 5xx, on a refused request that
 * wrote anything, and on a route missing here or listed here but gone.
 *
 * Adding a route: add its line(s) below (a form action is `POST /path?/name`, a default action
 * `POST /path`); if it needs path parameters other than those `params` knows, or a body to get
 * past validation to the permission check, add them to `params` or `bodies` further down.
 *
 * Outcomes: `ok` the request was let through (2xx, a redirect elsewhere than sign-in, or a
 * 4xx about the input); `403` refused; `404` hidden as if absent; `login` sent to sign in;
 * `401` an API answer asking to sign in.
 */
import type { Column } from './support/app';
import type { World, WorldRecords } from './support/world';

const TABLE = `
request                                                                           record  admin coordinator partner field viewer out
GET  /                                                                             -       ok    ok          ok      ok    ok     login
GET  /account                                                                      -       ok    ok          ok      ok    ok     login
POST /account?/collectToken                                                        -       ok    ok          ok      ok    403    login
POST /account?/createToken                                                         -       ok    ok          ok      ok    ok     login
POST /account?/language                                                            -       ok    ok          ok      ok    ok     login
POST /account?/password                                                            -       ok    ok          ok      ok    ok     login
POST /account?/revokeToken                                                         -       ok    ok          ok      ok    ok     login
GET  /admin/audit                                                                  -       ok    403         403     403   403    login
GET  /admin/boundaries                                                             -       ok    403         403     403   403    login
POST /admin/boundaries                                                             -       ok    403         403     403   403    login
GET  /admin/organisations                                                          -       ok    403         403     403   403    login
POST /admin/organisations                                                          -       ok    403         403     403   403    login
GET  /admin/organisations/[id]                                                     -       ok    403         403     403   403    login
POST /admin/organisations/[id]                                                     -       ok    403         403     403   403    login
GET  /admin/sign-in-locks                                                          -       ok    403         403     403   403    login
POST /admin/sign-in-locks?/clear                                                   -       ok    403         403     403   403    login
GET  /admin/users                                                                  -       ok    403         403     403   403    login
POST /admin/users                                                                  -       ok    403         403     403   403    login
GET  /admin/users/[id]                                                             -       ok    403         403     403   403    login
POST /admin/users/[id]?/update                                                     -       ok    403         403     403   403    login
POST /admin/users/[id]?/disable                                                    -       ok    403         403     403   403    login
POST /admin/users/[id]?/enable                                                     -       ok    403         403     403   403    login
POST /admin/users/[id]?/link                                                       -       ok    403         403     403   403    login
GET  /api-docs                                                                     -       ok    ok          ok      ok    ok     ok
GET  /api/v1/assessments                                                           -       ok    ok          ok      ok    403    401
POST /api/v1/assessments                                                           -       ok    ok          ok      ok    403    401
GET  /api/v1/assessments/points                                                    -       ok    ok          ok      ok    ok     401
GET  /api/v1/assessments/totals                                                    -       ok    ok          ok      ok    ok     401
GET  /api/v1/boundaries                                                            -       ok    ok          ok      ok    ok     401
GET  /api/v1/export/[dataset].[format]                                             -       ok    ok          ok      ok    403    401
GET  /api/v1/responses                                                             -       ok    ok          ok      ok    ok     401
GET  /api/v1/responses/[responseId]/reconciliation                                 -       ok    ok          ok      ok    ok     401
GET  /api/v1/responses/[responseId]/arrivals                                       -       ok    ok          ok      ok    ok     401
POST /api/v1/integrations/kobo                                                     -       ok    ok          ok      ok    403    401
GET  /api/v1/openapi.json                                                          -       ok    ok          ok      ok    ok     ok
POST /api/v1/returns/manifests                                                     -       ok    ok          ok      ok    403    401
GET  /api/v1/returns/manifests/[id]                                                own     ok    ok          ok      ok    ok     401
GET  /api/v1/returns/manifests/[id]                                                other   ok    ok          ok      ok    ok     401
POST /api/v1/returns/manifests/[id]/arrival                                        own     ok    ok          ok      ok    403    401
POST /api/v1/returns/manifests/[id]/arrival                                        other   ok    ok          ok      ok    403    401
POST /api/v1/returns/manifests/[id]/status                                         own     ok    ok          ok      ok    403    401
POST /api/v1/returns/manifests/[id]/status                                         other   ok    ok          403     403   403    401
POST /api/v1/returns/tallies                                                       -       ok    ok          ok      ok    403    401
GET  /api/v1/shelter/activities                                                    -       ok    ok          ok      ok    ok     401
POST /api/v1/shelter/sites/[siteId]/population                                     own     ok    ok          ok      ok    403    401
POST /api/v1/shelter/sites/[siteId]/population                                     other   ok    ok          403     403   403    401
POST /api/v1/shelter/population/[countId]/correction                               own     ok    ok          ok      ok    403    401
POST /api/v1/shelter/population/[countId]/correction                               other   ok    ok          403     403   403    401
POST /api/v1/shelter/population/[countId]/retraction                               own     ok    ok          ok      ok    403    401
POST /api/v1/shelter/population/[countId]/retraction                               other   ok    ok          403     403   403    401
GET  /api/v1/shelter/gaps                                                          -       ok    ok          ok      ok    ok     401
GET  /api/v1/shelter/sites                                                         -       ok    ok          ok      ok    ok     401
GET  /formList                                                                     -       ok    ok          ok      ok    403    401
GET  /forms/[formId].[format]                                                      -       ok    ok          ok      ok    403    401
HEAD /submission                                                                   -       ok    ok          ok      ok    403    401
POST /submission                                                                   -       ok    ok          ok      ok    403    401
GET  /healthz                                                                      -       ok    ok          ok      ok    ok     ok
POST /language                                                                     -       ok    ok          ok      ok    ok     ok
GET  /login                                                                        -       ok    ok          ok      ok    ok     ok
POST /login                                                                        -       ok    ok          ok      ok    ok     ok
GET  /map                                                                          -       ok    ok          ok      ok    ok     login
GET  /map/preview.svg                                                              -       ok    ok          ok      ok    ok     login
POST /map?/locate                                                                  -       ok    ok          ok      ok    ok     login
GET  /responses                                                                    -       ok    ok          ok      ok    ok     login
GET  /responses/new                                                                -       ok    ok          403     403   403    login
POST /responses/new                                                                -       ok    ok          403     403   403    login
GET  /responses/[responseId]                                                       -       ok    ok          ok      ok    ok     login
POST /responses/[responseId]?/close                                                -       ok    ok          403     403   403    login
POST /responses/[responseId]?/reopen                                               -       ok    ok          403     403   403    login
GET  /responses/[responseId]/edit                                                  -       ok    ok          403     403   403    login
POST /responses/[responseId]/edit                                                  -       ok    ok          403     403   403    login
GET  /responses/[responseId]/assessments                                           -       ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/assessments/[assessmentId]                            own     ok    ok          ok      ok    403    login
GET  /responses/[responseId]/assessments/[assessmentId]                            other   ok    ok          403     403   403    login
POST /responses/[responseId]/assessments/[assessmentId]?/distinct                  -       ok    ok          403     403   403    login
POST /responses/[responseId]/assessments/[assessmentId]?/duplicate                 -       ok    ok          403     403   403    login
GET  /responses/[responseId]/assessments/map                                       -       ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/assessments/new                                       -       ok    ok          ok      ok    403    login
GET  /responses/[responseId]/assessments/outbox                                    -       ok    ok          ok      ok    403    login
GET  /responses/[responseId]/returns                                               -       ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/returns/chart.svg                                     -       ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/returns/locations                                     -       ok    ok          403     403   403    login
POST /responses/[responseId]/returns/locations                                     -       ok    ok          403     403   403    login
GET  /responses/[responseId]/returns/manifests                                     -       ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/returns/manifests/new                                 -       ok    ok          ok      ok    403    login
POST /responses/[responseId]/returns/manifests/new                                 -       ok    ok          ok      ok    403    login
GET  /responses/[responseId]/returns/manifests/[manifestId]                        own     ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/returns/manifests/[manifestId]                        other   ok    ok          ok      ok    ok     login
POST /responses/[responseId]/returns/manifests/[manifestId]?/status                own     ok    ok          ok      ok    403    login
POST /responses/[responseId]/returns/manifests/[manifestId]?/status                other   ok    ok          403     403   403    login
POST /responses/[responseId]/returns/manifests/[manifestId]?/passenger             own     ok    ok          ok      ok    403    login
POST /responses/[responseId]/returns/manifests/[manifestId]?/passenger             other   ok    ok          403     403   403    login
POST /responses/[responseId]/returns/manifests/[manifestId]?/remove                own     ok    ok          ok      ok    403    login
POST /responses/[responseId]/returns/manifests/[manifestId]?/remove                other   ok    ok          403     403   403    login
POST /responses/[responseId]/returns/manifests/[manifestId]?/arrival               own     ok    ok          ok      ok    403    login
POST /responses/[responseId]/returns/manifests/[manifestId]?/arrival               other   ok    ok          ok      ok    403    login
GET  /responses/[responseId]/returns/manifests/[manifestId]/edit                   own     ok    ok          ok      ok    403    login
GET  /responses/[responseId]/returns/manifests/[manifestId]/edit                   other   ok    ok          403     403   403    login
POST /responses/[responseId]/returns/manifests/[manifestId]/edit                   own     ok    ok          ok      ok    403    login
POST /responses/[responseId]/returns/manifests/[manifestId]/edit                   other   ok    ok          403     403   403    login
GET  /responses/[responseId]/returns/manifests/[manifestId]/print                  own     ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/returns/manifests/[manifestId]/print                  other   ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/returns/reconciliation                                -       ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/returns/tallies                                       -       ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/returns/tallies/new                                   -       ok    ok          ok      ok    403    login
POST /responses/[responseId]/returns/tallies/new                                   -       ok    ok          ok      ok    403    login
GET  /responses/[responseId]/returns/tallies/[tallyId]                             own     ok    ok          ok      ok    403    login
GET  /responses/[responseId]/returns/tallies/[tallyId]                             other   ok    ok          403     403   403    login
POST /responses/[responseId]/returns/tallies/[tallyId]                             own     ok    ok          ok      ok    403    login
POST /responses/[responseId]/returns/tallies/[tallyId]                             other   ok    ok          403     403   403    login
GET  /responses/[responseId]/shelter                                               -       ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/shelter/activities                                    -       ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/shelter/activities/new                                -       ok    ok          ok      403   403    login
POST /responses/[responseId]/shelter/activities/new?/save                          -       ok    ok          ok      403   403    login
POST /responses/[responseId]/shelter/activities/new?/saveAndSubmit                 -       ok    ok          ok      403   403    login
GET  /responses/[responseId]/shelter/activities/[activityId]                       own     ok    ok          ok      ok    404    login
GET  /responses/[responseId]/shelter/activities/[activityId]                       other   ok    ok          404     404   404    login
POST /responses/[responseId]/shelter/activities/[activityId]?/save                 own     ok    ok          ok      403   404    login
POST /responses/[responseId]/shelter/activities/[activityId]?/save                 other   ok    ok          404     404   404    login
POST /responses/[responseId]/shelter/activities/[activityId]?/saveAndSubmit        own     ok    ok          ok      403   404    login
POST /responses/[responseId]/shelter/activities/[activityId]?/saveAndSubmit        other   ok    ok          404     404   404    login
POST /responses/[responseId]/shelter/activities/[activityId]?/review               own     ok    ok          403     403   404    login
POST /responses/[responseId]/shelter/activities/[activityId]?/review               other   ok    ok          404     404   404    login
POST /responses/[responseId]/shelter/activities/[activityId]?/delete               own     ok    ok          ok      403   404    login
POST /responses/[responseId]/shelter/activities/[activityId]?/delete               other   ok    ok          404     404   404    login
GET  /responses/[responseId]/shelter/gaps                                          -       ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/shelter/import                                        -       ok    ok          ok      403   403    login
POST /responses/[responseId]/shelter/import/jobs                                   -       ok    ok          ok      403   403    401
GET  /responses/[responseId]/shelter/import/jobs/[jobId]                           own     404   404         ok      403   403    401
GET  /responses/[responseId]/shelter/import/jobs/[jobId]                           other   404   404         404     403   403    401
PUT  /responses/[responseId]/shelter/import/jobs/[jobId]                           own     404   404         ok      403   403    401
PUT  /responses/[responseId]/shelter/import/jobs/[jobId]                           other   404   404         404     403   403    401
POST /responses/[responseId]/shelter/import/jobs/[jobId]/check                     own     404   404         ok      403   403    401
POST /responses/[responseId]/shelter/import/jobs/[jobId]/check                     other   404   404         404     403   403    401
POST /responses/[responseId]/shelter/import/jobs/[jobId]/commit                    own     404   404         ok      403   403    401
POST /responses/[responseId]/shelter/import/jobs/[jobId]/commit                    other   404   404         404     403   403    401
DELETE /responses/[responseId]/shelter/import/jobs/[jobId]                         own     404   404         ok      403   403    401
DELETE /responses/[responseId]/shelter/import/jobs/[jobId]                         other   404   404         404     403   403    401
GET  /responses/[responseId]/shelter/import/template.xlsx                          -       ok    ok          ok      403   403    login
GET  /responses/[responseId]/shelter/sites/new                                     -       ok    ok          ok      403   403    login
POST /responses/[responseId]/shelter/sites/new                                     -       ok    ok          ok      403   403    login
GET  /responses/[responseId]/shelter/sites/[siteId]                                own     ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/shelter/sites/[siteId]                                other   ok    ok          ok      ok    ok     login
POST /responses/[responseId]/shelter/sites/[siteId]?/population                    own     ok    ok          ok      ok    403    login
POST /responses/[responseId]/shelter/sites/[siteId]?/population                    other   ok    ok          403     403   403    login
POST /responses/[responseId]/shelter/sites/[siteId]?/correct                       own     ok    ok          ok      ok    403    login
POST /responses/[responseId]/shelter/sites/[siteId]?/correct                       other   ok    ok          403     403   403    login
POST /responses/[responseId]/shelter/sites/[siteId]?/retract                       own     ok    ok          ok      ok    403    login
POST /responses/[responseId]/shelter/sites/[siteId]?/retract                       other   ok    ok          403     403   403    login
GET  /responses/[responseId]/shelter/sites/[siteId]/edit                           own     ok    ok          ok      403   403    login
GET  /responses/[responseId]/shelter/sites/[siteId]/edit                           other   ok    ok          403     403   403    login
POST /responses/[responseId]/shelter/sites/[siteId]/edit                           own     ok    ok          ok      403   403    login
POST /responses/[responseId]/shelter/sites/[siteId]/edit                           other   ok    ok          403     403   403    login
GET  /responses/[responseId]/sitreps                                               -       ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/sitreps/new                                           -       ok    ok          403     403   403    login
POST /responses/[responseId]/sitreps/new                                           -       ok    ok          403     403   403    login
GET  /responses/[responseId]/sitreps/[number]                                      -       ok    ok          ok      ok    ok     login
POST /responses/[responseId]/sitreps/[number]?/publish                             -       ok    ok          403     403   403    login
POST /responses/[responseId]/sitreps/[number]?/share                               -       ok    ok          403     403   403    login
POST /responses/[responseId]/sitreps/[number]?/revoke                              -       ok    ok          403     403   403    login
POST /responses/[responseId]/sitreps/[number]?/delete                              -       ok    ok          403     403   403    login
GET  /responses/[responseId]/sitreps/[number]/edit                                 -       ok    ok          403     403   403    login
POST /responses/[responseId]/sitreps/[number]/edit                                 -       ok    ok          403     403   403    login
GET  /responses/[responseId]/sitreps/[number]/print                                -       ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/sitreps/[number]/sitrep.docx                          -       ok    ok          ok      ok    ok     login
GET  /responses/[responseId]/sitreps/[number]/sitrep.pdf                           -       ok    ok          ok      ok    ok     login
GET  /s/[token]                                                                    -       ok    ok          ok      ok    ok     ok
GET  /set-password/[token]                                                         -       ok    ok          ok      ok    ok     ok
POST /set-password/[token]                                                         -       ok    ok          ok      ok    ok     ok
GET  /shelter/catalogue                                                            -       ok    ok          ok      ok    ok     login
POST /shelter/catalogue?/delete                                                    -       ok    ok          403     403   403    login
POST /shelter/catalogue?/save                                                      -       ok    ok          403     403   403    login
GET  /verify                                                                       -       ok    ok          ok      ok    ok     login
POST /logout                                                                       -       login login       login   login login  login
`;

export const OUTCOMES = ['ok', '403', '404', 'login', '401'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type RecordSide = 'own' | 'other' | null;

export interface Row {
	/** `GET /responses/[responseId]`, `POST /account?/password`. */
	request: string;
	record: RecordSide;
	expected: Record<Column, Outcome>;
}

const COLUMN_ORDER: Column[] = ['admin', 'coordinator', 'partner', 'field', 'viewer', 'out'];

export const MATRIX: Row[] = TABLE.trim()
	.split('\n')
	.slice(1)
	.map((line) => {
		const [method, path, record, ...cells] = line.trim().split(/\s+/);
		if (
			cells.length !== COLUMN_ORDER.length ||
			!cells.every((c) => OUTCOMES.includes(c as Outcome))
		)
			throw new Error(`authorization-matrix: bad line "${line}"`);
		return {
			request: `${method} ${path}`,
			record: record === '-' ? null : (record as 'own' | 'other'),
			expected: Object.fromEntries(COLUMN_ORDER.map((c, i) => [c, cells[i]])) as Row['expected']
		};
	});

// Fixtures -----------------------------------------------------------------------------------

export interface CellContext {
	world: World;
	column: Column;
	/** The records this cell acts on: those of its column, from the row's organisation. */
	records: WorldRecords;
}

const columnIndex = (c: Column) => COLUMN_ORDER.indexOf(c);

/** A value for each path parameter, by parameter name and, where names clash, by route. */
export function params(request: string, name: string, ctx: CellContext): string {
	const { world, records } = ctx;
	switch (name) {
		case 'responseId':
			return String(world.responseId);
		case 'manifestId':
			return String(records.manifest);
		case 'tallyId':
			return String(records.tally);
		case 'activityId':
			// Reviewing needs a submitted row; everything else acts on a draft.
			return String(request.endsWith('?/review') ? records.submitted : records.activity);
		case 'siteId':
			return String(records.site);
		case 'countId':
			return String(records.count);
		case 'assessmentId':
			return records.assessment;
		case 'number':
			return String(world.sitrepNumber);
		case 'dataset':
			return 'assessments';
		case 'format':
			return request.includes('/forms/') ? 'xml' : 'csv';
		case 'formId':
			return `sahakar_assessment_${world.responseId}`;
		case 'jobId':
			return records.importJob;
		case 'token':
			return request.includes('/set-password/') ? world.passwordToken : world.shareToken;
		case 'id':
			if (request.includes('/admin/users/')) return String(world.otherUserId);
			if (request.includes('/admin/organisations/')) return String(world.otherOrganisation);
			return String(records.manifest);
	}
	throw new Error(`authorization-matrix: no value for [${name}] in ${request}`);
}

/** Query strings for requests that need one to get past validation. */
export function query(request: string, ctx: CellContext): string {
	const r = ctx.world.responseId;
	if (/^GET \/api\/v1\/(assessments|export|shelter)/.test(request)) return `?responseId=${r}`;
	if (request === 'GET /api/v1/boundaries') return '?level=1';
	if (request.endsWith('/returns/chart.svg')) return '?chart=daily&lang=en';
	return '';
}

type Body =
	| { form: Record<string, string | string[]> }
	| { json: unknown }
	| { body: string; headers: Record<string, string> };

const passenger = { name: 'Chea Sokha', sex: 'f', age: '34' };
const activity = {
	activityType: 'nfi_distribution',
	modality: 'in_kind',
	pcode: 'KH020101',
	startDate: '2020-10-15',
	status: 'ongoing',
	targetedHouseholds: '10',
	targeted_f_18_59: '10'
};
const population = { asOf: '2020-10-12T08:00', households: '2', f_18_59: '3', m_18_59: '2' };

/**
 * Bodies for requests whose permission is decided after the input is read (the service checks
 * the record), so that the cell tests the permission, not the validation. Everything else gets
 * an empty form, or `{}` for the JSON API.
 */
export function body(request: string, ctx: CellContext): Body {
	const { world, column, records } = ctx;
	const role = column === 'out' ? 'viewer' : column;
	const path = request.split(' ')[1];
	switch (path) {
		case '/account?/revokeToken':
			return { form: { id: String(world.apiTokens[role]) } };
		case '/account?/language':
			return { form: { language: 'en' } };
		case '/admin/sign-in-locks?/clear':
			return { form: { key: world.lockKeys[columnIndex(column)] } };
		case '/map?/locate':
			return { form: { lon: '103.2', lat: '13.1' } };
		case '/language':
			return { form: { language: 'en', redirectTo: '/' } };
		case '/responses/[responseId]/returns/manifests/[manifestId]?/status':
			return { form: { status: 'boarding' } };
		case '/responses/[responseId]/returns/manifests/[manifestId]?/passenger':
			return { form: passenger };
		case '/responses/[responseId]/returns/manifests/[manifestId]?/remove':
			return { form: { passengerId: String(records.passenger) } };
		case '/responses/[responseId]/shelter/activities/[activityId]?/save':
		case '/responses/[responseId]/shelter/activities/[activityId]?/saveAndSubmit':
			return { form: activity };
		case '/responses/[responseId]/shelter/activities/[activityId]?/review':
			return { form: { move: 'validate' } };
		case '/responses/[responseId]/shelter/sites/[siteId]?/population':
			return { form: population };
		case '/responses/[responseId]/sitreps/[number]?/revoke':
			return { form: { shareId: String(world.shareIds[columnIndex(column)]) } };
		case '/api/v1/returns/manifests/[id]/status':
			return { json: { status: 'boarding' } };
		case '/api/v1/shelter/sites/[siteId]/population':
			return { json: { asOf: '2020-10-12T08:00:00+07:00', households: 1, f_18_59: 2 } };
		case '/responses/[responseId]/shelter/import/jobs':
			return { json: { fileName: '4w.csv', size: 4 } };
		case '/responses/[responseId]/shelter/import/jobs/[jobId]/check':
		case '/responses/[responseId]/shelter/import/jobs/[jobId]/commit':
			return { json: {} };
		case '/responses/[responseId]/shelter/import/jobs/[jobId]':
			// Half the file: the check that follows answers "incomplete" and starts no background work.
			return { body: 'a,', headers: { 'content-type': 'application/octet-stream' } };
	}
	return request.startsWith('POST /api/') ? { json: {} } : { form: {} };
}

/**
 * ODK Collect and KoBo sign in with a token, not a session: HTTP Basic (email and a `write`
 * token) on the OpenRosa routes, a bearer token on KoBo's. Signed out sends nothing.
 */
export function tokenAuth(request: string, ctx: CellContext): Record<string, string> | null {
	const path = request.split(' ')[1];
	const openRosa = ['/formList', '/submission', '/forms/[formId].[format]'].includes(path);
	const kobo = path === '/api/v1/integrations/kobo';
	if (!openRosa && !kobo) return null;
	if (ctx.column === 'out') return {};
	const token = ctx.world.writeTokens[ctx.column];
	if (kobo) return { authorization: `Bearer ${token}` };
	const basic = Buffer.from(`${ctx.world.people[ctx.column]}:${token}`).toString('base64');
	return { authorization: `Basic ${basic}` };
}

/** Requests that end the session they are sent with use the role's spare one. */
export const usesSpareSession = (request: string) => request === 'POST /logout';

/** Requests that remove their record run after every other row. */
export const destructive = (request: string) =>
	/\?\/(delete|remove)$/.test(request) || request.startsWith('DELETE ');
