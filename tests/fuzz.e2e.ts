/**
 * Fuzzing the built app (fast-check): every form action, every JSON endpoint and every page's
 * and endpoint's query parameters and path, as an administrator, a partner and a viewer, with
 * input made to break things (huge, negative and non-numbers, impossible dates, wrong types,
 * deep JSON, text where numbers go). Whatever comes in, no answer is a 5xx, and a request that
 * is refused (4xx) writes nothing. The app runs on a database of its own (tests/support).
 */
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { type Answer, type Call } from './support/app';
import { discoverRequests } from './support/routes';
import { useWorldApp } from './support/world-app';
import { params } from './authorization-matrix';

const shared = useWorldApp();

/**
 * Refused requests that write on purpose: a failed sign-in is audited and counted for the
 * sign-in delays, a wrong current password counted for its delays too.
 */
const WRITES_WHEN_REFUSED = new Set(['POST /login', 'POST /account?/password']);
/** Ends the session the fuzzing runs on; it takes no input anyway. */
const SKIPPED = new Set(['POST /logout']);

const NASTY = [
	'',
	' ',
	'0',
	'-1',
	'-0',
	'1e308',
	'-1e308',
	'1e999',
	'NaN',
	'Infinity',
	'1.5',
	'99999999999999999999',
	'9007199254740993',
	'0x1F',
	'true',
	'null',
	'[]',
	'{}',
	'2020-02-30',
	'2020-10-15',
	'0000-00-00',
	'9999-12-31',
	'2020-10-15T25:61',
	'KH01',
	'KH020101',
	'KH99',
	'admin',
	'on',
	'<script>alert(1)</script>',
	"'; drop table users; --",
	'../../etc/passwd',
	'=HYPERLINK("http://evil.example")',
	'\u0000',
	'\ud800',
	'ក'.repeat(400),
	'a'.repeat(5000)
];

const text = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...NASTY) },
	fc.string({ maxLength: 30 }),
	fc.integer().map(String),
	fc.double().map(String)
);

/** Field names the app's forms and filters use, and some they do not. */
const FIELDS = `access accuracyM acronym active activityType affectedHouseholds affected_f_0_5 age
	area arrivedOn asOf at c capacity closedOn code comment components confirm confirmAdmin
	contactEmail contactPhone contacts coveredAreaM2 current departedOn description destDistrictPcode
	destPcode destProvincePcode destinations disabled displacedHouseholds displacedPersons driverName
	driverPhone edit email endDate entity f_0_5 f_18_59 flagged flags from headcount households
	houses id items key kind language lat latrines level limit locationId locationSource lon
	managingOrganisationId missingIds missingNote modality mode month move name nameEn nameKm needs
	nextReportOn notes observedOn offset openedOn operatorOrganisationId organisationId
	originLocationId overview page passengerId password pcode periodFrom periodTo persons
	plannedDeparture plate provinces reachedHouseholds receivedCount redirectTo responseId
	reviewState role scopes sex shareId shift standardPer standardQty startDate status
	targetedHouseholds to type unit userId vehicleKind villageName waterPoints waterState
	__superform_json __proto__ constructor`.split(/\s+/);

const field = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...FIELDS) }, fc.string());
const formBody = fc.dictionary(field, fc.oneof(text, fc.array(text, { maxLength: 3 })), {
	maxKeys: 14
});
const queryOf = fc.dictionary(field, text, { maxKeys: 6 }).map(
	(q) =>
		`?${Object.entries(q)
			.map(([k, v]) => `${urlPiece(k)}=${urlPiece(v)}`)
			.join('&')}`
);

const jsonValue = fc.oneof(
	fc.jsonValue({ maxDepth: 3 }),
	fc.constantFrom(1e308, -1e308, -1, 0.5, 2 ** 53 + 1, '', null, [], {}, 'KH01'),
	text
);

/** Valid bodies of the JSON endpoints, for mutations that get past the first checks. */
function jsonBase(request: string, id: string): Record<string, unknown> {
	const r = shared.world.responseId;
	switch (request) {
		case 'POST /api/v1/assessments':
			return {
				id,
				responseId: r,
				lon: 103.2,
				lat: 13.1,
				observedOn: '2020-10-15',
				affectedHouseholds: 4,
				affected_f_18_59: 6,
				access: 'road',
				waterState: 'limited',
				sanitationState: 'working',
				needs: ['water']
			};
		case 'POST /api/v1/returns/manifests':
			return {
				responseId: r,
				originLocationId: shared.world.locationId,
				vehicleKind: 'bus',
				plate: 'PP 1',
				capacity: 40,
				destProvincePcode: 'KH03',
				plannedDeparture: '2020-10-12T08:00:00+07:00',
				mode: 'named',
				passengers: [{ name: 'A', sex: 'f', age: 30 }]
			};
		case 'POST /api/v1/returns/tallies':
			return {
				responseId: r,
				locationId: shared.world.locationId,
				arrivedOn: '2020-10-12',
				shift: 'night',
				f_18_59: 3,
				destinations: [{ pcode: 'KH03', persons: 2 }]
			};
		case 'POST /api/v1/returns/manifests/[id]/status':
			return { status: 'boarding' };
		case 'POST /api/v1/returns/manifests/[id]/arrival':
			return { receivedCount: 1 };
		case 'POST /api/v1/shelter/sites/[siteId]/population':
			return { asOf: '2020-10-12T08:00:00+07:00', households: 1, f_18_59: 2 };
	}
	return {};
}

const jsonBody = (request: string) =>
	fc
		.tuple(
			fc.uuid(),
			fc.dictionary(field, jsonValue, { maxKeys: 6 }),
			fc.array(field, { maxLength: 4 })
		)
		.map(([id, changes, dropped]) => {
			const body = Object.entries({ ...jsonBase(request, id), ...changes }).filter(
				([key]) => !dropped.includes(key)
			);
			return JSON.stringify(Object.fromEntries(body));
		});

const rawBody = fc.oneof(
	fc.string({ maxLength: 200 }),
	fc.constantFrom('', '{', '[1,2', 'null', '"x"', '{"a":'.repeat(3000), '['.repeat(5000))
);

const actor = fc.constantFrom('admin', 'partner', 'viewer') as fc.Arbitrary<
	'admin' | 'partner' | 'viewer'
>;

/** A URL piece as a client may send it: encoded, or raw bytes that are not UTF-8. */
function urlPiece(value: string) {
	try {
		return encodeURIComponent(value);
	} catch {
		return '%ED%A0%80';
	}
}

/** The path with its parameters: real ids mostly, nasty values sometimes. */
function pathOf(request: string, nasty: string | null) {
	const records = shared.world.records.own[0];
	const ctx = { world: shared.world, column: 'admin' as const, records };
	return request
		.split(' ')[1]
		.replace(/\[(\w+)\]/g, (_, name: string) => urlPiece(nasty ?? params(request, name, ctx)));
}

/**
 * The status a form action really answered: as the app's own forms send them (`use:enhance`),
 * a refusal comes as `{ type: 'failure', status }` in a 200.
 */
function statusOf(answer: Answer, enhanced: boolean): number {
	if (!enhanced || answer.status !== 200) return answer.status;
	const result = JSON.parse(answer.body) as { type: string; status?: number };
	return result.type === 'failure' ? (result.status ?? 400) : 200;
}

/**
 * Sends one fuzzed request: never a 5xx; and when refused, nothing written. (A page sent back
 * after a refused plain form post runs its load again, which may log that personal data was
 * shown, so writes are judged on the requests the app's own forms make.)
 */
async function check(request: string, call: Call, enhanced = false): Promise<Answer> {
	const before = shared.dataVersion();
	const answer = await shared.app.send(
		enhanced
			? {
					...call,
					headers: { ...call.headers, accept: 'application/json', 'x-sveltekit-action': 'true' }
				}
			: call
	);
	const where = `${call.method} ${call.path}\n${shared.app.errors().slice(-2000)}`;
	expect(answer.status, where).toBeLessThan(500);
	const plainFormPost = call.method === 'POST' && !call.path.startsWith('/api/') && !enhanced;
	if (statusOf(answer, enhanced) >= 400 && !plainFormPost && !WRITES_WHEN_REFUSED.has(request)) {
		expect(shared.dataVersion(), `a refused ${request} wrote to the database`).toBe(before);
	}
	return answer;
}

const requests = discoverRequests().filter((r) => !SKIPPED.has(r));
const RUNS = 12;

for (const request of requests) {
	const [method, pattern] = request.split(' ');
	const api = pattern.startsWith('/api/');
	test(`fuzz ${request}`, async () => {
		const maybeNastyParam = fc.option(fc.constantFrom(...NASTY), { freq: 4 });
		if (method === 'GET') {
			await fc.assert(
				fc.asyncProperty(actor, maybeNastyParam, queryOf, async (who, nasty, q) => {
					const base = pathOf(request, nasty);
					const path = api ? `${base}${q}&responseId=${shared.world.responseId}` : `${base}${q}`;
					await check(request, { method, path, session: shared.world.sessions[who] });
				}),
				{ numRuns: RUNS }
			);
			return;
		}
		const [pathname, action] = pattern.split('?');
		const withAction = (p: string) => (action ? `${p}?${action}` : p);
		if (api) {
			await fc.assert(
				fc.asyncProperty(
					actor,
					maybeNastyParam,
					fc.oneof({ weight: 4, arbitrary: jsonBody(request) }, rawBody),
					fc.constantFrom('application/json', 'application/json', 'text/plain'),
					async (who, nasty, body, type) => {
						await check(request, {
							method,
							path: pathOf(request, nasty),
							session: shared.world.sessions[who],
							body,
							headers: { 'content-type': type }
						});
					}
				),
				{ numRuns: RUNS * 3 }
			);
			return;
		}
		await fc.assert(
			fc.asyncProperty(
				actor,
				maybeNastyParam,
				formBody,
				fc.boolean(),
				async (who, nasty, form, enhanced) => {
					const path = withAction(pathOf(`${method} ${pathname}`, nasty));
					await check(
						request,
						{ method, path, session: shared.world.sessions[who], form },
						enhanced
					);
				}
			),
			{ numRuns: RUNS }
		);
	});
}

test('fuzz boundary files uploaded on the admin page', async () => {
	const geometry = fc.record({
		type: fc.constantFrom('Polygon', 'MultiPolygon', 'Point', 'GeometryCollection'),
		coordinates: fc.oneof(
			fc.anything({ maxDepth: 5 }),
			fc.array(fc.array(fc.tuple(jsonValue, jsonValue), { maxLength: 6 }), { maxLength: 2 })
		)
	});
	const feature = fc.record({
		type: fc.constantFrom('Feature', 'Feature', 'Nope'),
		properties: fc.oneof(
			fc.record({ ADM1_PCODE: fc.constantFrom('KH01', 'KH02', 'KH99', '') }),
			fc.constant(null),
			jsonValue
		),
		geometry: fc.oneof(geometry, jsonValue)
	});
	const file = fc.oneof(
		fc
			.array(feature, { maxLength: 4 })
			.map((features) => JSON.stringify({ type: 'FeatureCollection', features })),
		fc
			.record({
				type: fc.constant('Topology'),
				arcs: fc.oneof(fc.array(fc.array(fc.tuple(jsonValue, jsonValue))), jsonValue),
				objects: fc.dictionary(
					fc.string(),
					fc.record({ type: fc.constantFrom('Polygon', 'GeometryCollection'), arcs: jsonValue })
				)
			})
			.map((t) => JSON.stringify(t)),
		rawBody
	);
	await fc.assert(
		fc.asyncProperty(file, fc.constantFrom('adm1.geojson', 'adm1.topojson'), async (text, name) => {
			const boundary = '----sahakar-fuzz';
			const body = [
				`--${boundary}`,
				`Content-Disposition: form-data; name="files"; filename="${name}"`,
				'Content-Type: application/json',
				'',
				text,
				`--${boundary}--`,
				''
			].join('\r\n');
			await check(
				'POST /admin/boundaries',
				{
					method: 'POST',
					path: '/admin/boundaries',
					session: shared.world.sessions.admin,
					body,
					headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }
				},
				true
			);
		}),
		{ numRuns: 60 }
	);
});
