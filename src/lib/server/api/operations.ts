/**
 * Every operation of the JSON API (and the OpenRosa routes), with the schemas its route reads:
 * ./openapi.ts turns this list into the OpenAPI document, and openapi.test.ts checks it against
 * the route tree and its examples against their schemas.
 */
import { z } from 'zod';
import type { ApiScope } from '$lib/domain/accounts';
import * as q from '$lib/domain/api';
import { BATCH_MAX_BYTES, BATCH_MAX_RECORDS, assessmentSchema } from '$lib/domain/assessments';
import {
	arrivalSchema,
	newManifestSchema,
	newTallySchema,
	statusChangeSchema
} from '$lib/domain/returns';
import { correctionBodySchema, populationSchema, retractionBodySchema } from '$lib/domain/shelter';
import { DATASETS } from '$lib/server/exports/registry';

/** A scope: a session or a bearer token with that scope. */
export type Auth = ApiScope | 'public' | 'openrosa' | 'kobo';

interface Reply {
	description: string;
	schema?: z.ZodType;
	contentType?: string;
}

export interface Operation {
	id: string;
	method: 'get' | 'post' | 'head';
	/** OpenAPI's form: `/api/v1/returns/manifests/{id}`. */
	path: string;
	tag: string;
	summary: string;
	description?: string;
	auth: Auth;
	pathParams?: Record<string, { schema: z.ZodType; description: string }>;
	query?: z.ZodObject;
	body?: { schema: z.ZodType; example: unknown; contentType?: string };
	responses: Record<number, Reply>;
}

export const errorSchema = z.object({
	error: z.object({
		code: z.string().describe('Stable, for programs: `invalid`, `not_found`, `conflict`…'),
		message: z.string().describe("For people, in the caller's language."),
		fields: z
			.record(z.string(), z.string())
			.optional()
			.describe('The message for each bad field or parameter, by dotted path.')
	})
});

const record = (description: string) =>
	z.object({ data: z.record(z.string(), z.unknown()).describe(description) });
const rows = (description: string) =>
	z.object({ data: z.array(z.record(z.string(), z.unknown())).describe(description) });
const page = (description: string, extra: z.ZodRawShape = {}) =>
	z.object({
		...extra,
		data: z.array(z.record(z.string(), z.unknown())).describe(description),
		next: z
			.string()
			.nullable()
			.describe('Send it back as `cursor` for the following page; null on the last page.')
	});

const id = (description: string) => ({ schema: z.int().positive(), description });
const responseId = { responseId: id('The response (emergency).') };

/** The errors every operation with a token can answer, and those of a JSON body. */
const refused = {
	401: { description: 'Without a valid session or token (`unauthorized`).' },
	403: {
		description:
			'The token lacks the scope (`insufficient_scope`) or the role the right (`forbidden`).'
	}
};
const badQuery = { 400: { description: 'A bad parameter, named in `fields` (`invalid`).' } };
const badBody = {
	400: {
		description: 'Invalid content, each problem in `fields` (`invalid`), or `malformed_json`.'
	},
	413: { description: 'The body is too large (`too_large`).' },
	415: { description: 'The body is not JSON (`unsupported_media_type`).' }
};
const unknownResponse = { 404: { description: 'No such response (`not_found`).' } };
const reused = { 409: { description: 'The `id` was used for other content (`conflict`).' } };
const taken = (what: string) => ({
	201: { description: `The ${what}, stored.`, schema: record(`The stored ${what}.`) },
	200: {
		description: `The same ${what}, for a retry of the same \`id\` and content.`,
		schema: record(`The stored ${what}.`)
	}
});

const CLIENT_ID = '8f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const exportFilters = DATASETS.map((d) => {
	const props = Object.keys(
		z.toJSONSchema(d.filters, { io: 'input', unrepresentable: 'any' }).properties ?? {}
	);
	return `\`${d.name}\`: ${props.map((p) => `\`${p}\``).join(', ') || 'no filters'}`;
}).join('; ');

export const OPERATIONS: Operation[] = [
	{
		id: 'openapi',
		method: 'get',
		path: '/api/v1/openapi.json',
		tag: 'API',
		summary: 'This document',
		description: 'OpenAPI 3.1, the same for everyone; revalidate with `If-None-Match`.',
		auth: 'public',
		responses: {
			200: { description: 'The document, with an `ETag`.' },
			304: { description: 'Unchanged since the `ETag` sent.' }
		}
	},
	{
		id: 'listResponses',
		method: 'get',
		path: '/api/v1/responses',
		tag: 'Responses',
		summary: 'The responses',
		description:
			'Every response (emergency), for scripts that then work inside one, in the order they were made.',
		auth: 'read',
		query: q.responseListQuery,
		responses: {
			200: { description: 'A page of responses.', schema: page('The responses.') },
			...badQuery,
			...refused
		}
	},
	{
		id: 'boundaries',
		method: 'get',
		path: '/api/v1/boundaries',
		tag: 'Places',
		summary: 'Admin areas with their shapes',
		description:
			"The admin areas of a level that have a shape, as GeoJSON; each feature's `id` is its P-code and its properties `pcode`, `level`, `parentPcode`, `nameEn`, `nameKm`, `source`.",
		auth: 'read',
		query: q.boundariesQuery,
		responses: {
			200: { description: 'A FeatureCollection.', contentType: 'application/geo+json' },
			...badQuery,
			...refused
		}
	},
	{
		id: 'listAssessments',
		method: 'get',
		path: '/api/v1/assessments',
		tag: 'Rapid assessments',
		summary: 'Assessments, a page at a time',
		description:
			"Records in the order they arrived. Coordinators and admins get every organisation's records, partners and field teams their own organisation's. `area` is a P-code: that area and everything in it.",
		auth: 'read',
		query: q.assessmentListQuery,
		responses: {
			200: { description: 'A page of records.', schema: page('The records.') },
			...badQuery,
			...refused,
			...unknownResponse
		}
	},
	{
		id: 'submitAssessment',
		method: 'post',
		path: '/api/v1/assessments',
		tag: 'Rapid assessments',
		summary: 'Send one assessment, or a batch',
		description: `One submission, at most 64 kB, or a batch \`{ "records": [...] }\` of 1 to ${BATCH_MAX_RECORDS} in at most ${BATCH_MAX_BYTES / 1000} kB (what the app's offline outbox sends). The record keeps the P-code given (\`pcode\`) and the one the point lies in (\`pointPcode\`); when they disagree it is stored as given with a warning \`area_point_mismatch\` in \`warnings\`. Counts left out are 0; numbers sent as text are read as numbers. \`needs\`: 1 to 5, most urgent first. A batch is answered 200 with \`results\`, one per record in the order sent, each with the \`status\` and answer that record would have had alone: 201 with \`data\` and \`warnings\`, 200 for a retry, 400 with \`error.fields\` (checked on its own: one bad record does not refuse the others), 409 for a reused \`id\`, or 500 when the server could not store it (send it again later). The records stored are stored together, each once; a refused one writes nothing.`,
		auth: 'write',
		body: {
			schema: z.union([
				assessmentSchema,
				z.strictObject({
					records: z
						.array(assessmentSchema)
						.min(1)
						.max(BATCH_MAX_RECORDS)
						.describe('Instead of one assessment, a batch: each record as one alone is sent.')
				})
			]),
			example: {
				id: CLIENT_ID,
				responseId: 2,
				lon: 103.2021,
				lat: 13.0952,
				observedOn: '2020-10-15',
				villageName: 'Kantueu 1',
				affectedHouseholds: 40,
				affected_f_18_59: 60,
				affected_m_18_59: 55,
				displacedHouseholds: 10,
				displacedPersons: 38,
				access: 'boat_only',
				waterState: 'contaminated',
				sanitationState: 'flooded',
				needs: ['shelter', 'water', 'food']
			}
		},
		responses: {
			201: {
				description: 'Stored.',
				schema: record('The stored record.').extend({
					warnings: z.array(errorSchema.shape.error).describe('What was stored but looks wrong.')
				})
			},
			200: {
				description:
					'The same record, for a retry; for a batch, what became of each record (`results`).',
				schema: z.union([
					record('The stored record.'),
					z.object({
						results: z
							.array(
								z.object({
									id: z.string().nullable().describe("The record's `id`, when it had one."),
									status: z.int().describe('What this record alone would have been answered.'),
									data: z.record(z.string(), z.unknown()).optional(),
									warnings: z.array(errorSchema.shape.error).optional(),
									error: errorSchema.shape.error.optional()
								})
							)
							.describe('One per record, in the order sent.')
					})
				])
			},
			...badBody,
			...refused,
			...reused
		}
	},
	{
		id: 'assessmentPoints',
		method: 'get',
		path: '/api/v1/assessments/points',
		tag: 'Rapid assessments',
		summary: 'Assessments as map points',
		description:
			'The points of the map as columns, `{ count, seq, lon, lat, affected, flagged }`, leaving out assessments marked as duplicates. For anyone who may see totals. Send the `ETag` back as `If-None-Match`: a 304 until an assessment, a duplicate flag or a review comes in.',
		auth: 'read',
		query: q.assessmentPointsQuery,
		responses: {
			200: { description: 'The points, with an `ETag`.' },
			304: { description: 'Unchanged since the `ETag` sent.' },
			...badQuery,
			...refused,
			...unknownResponse
		}
	},
	{
		id: 'assessmentTotals',
		method: 'get',
		path: '/api/v1/assessments/totals',
		tag: 'Rapid assessments',
		summary: 'Totals per area',
		description:
			"The coordinators' totals per province or district, leaving out assessments marked as duplicates: the figures of the assessments page and the sitrep.",
		auth: 'read',
		query: q.assessmentTotalsQuery,
		responses: {
			200: {
				description: 'The totals.',
				schema: rows('One row per area: `pcode`, names, assessments, people and houses.').extend({
					level: z.enum(['province', 'district'])
				})
			},
			...badQuery,
			...refused,
			...unknownResponse
		}
	},
	{
		id: 'exportDataset',
		method: 'get',
		path: '/api/v1/export/{dataset}.{format}',
		tag: 'Exports',
		summary: 'A dataset as a file',
		description: `Streams from the first row (no row cap), named \`sahakar-{dataset}-response-{id}-{date}.{ext}\`, with an HXL hashtag row. Each dataset takes its own query filters: ${exportFilters}. Every export is in the audit log.`,
		auth: 'export',
		pathParams: {
			dataset: { schema: z.enum(DATASETS.map((d) => d.name)), description: 'The dataset.' },
			format: { schema: z.enum(['csv', 'xlsx', 'geojson']), description: 'The file format.' }
		},
		responses: {
			200: { description: 'The file.', contentType: 'application/octet-stream' },
			400: {
				description:
					'Another format, GeoJSON of a dataset without places, or a bad filter (`invalid`).'
			},
			...refused,
			404: { description: 'No such dataset or response (`not_found`).' }
		}
	},
	{
		id: 'reconciliation',
		method: 'get',
		path: '/api/v1/responses/{responseId}/reconciliation',
		tag: 'Mass return',
		summary: 'Crossed, dispatched, arrived',
		description:
			'Per destination province and day: `crossed` from the tallies at border crossings (a row with `pcode` null holds those with no destination recorded), `dispatched` on departed or arrived manifests by departure day, `arrived` as receiving teams confirmed.',
		auth: 'read',
		pathParams: responseId,
		query: q.reconciliationQuery,
		responses: {
			200: {
				description: 'The rows.',
				schema: rows('`pcode`, `date`, `crossed`, `dispatched`, `arrived`.')
			},
			...badQuery,
			...refused,
			...unknownResponse
		}
	},
	{
		id: 'arrivals',
		method: 'get',
		path: '/api/v1/responses/{responseId}/arrivals',
		tag: 'Mass return',
		summary: "The arrivals dashboard's figures",
		description:
			'Returnees by day and crossing point, by point, their sex and age, vulnerable groups and referrals, and destinations: `{ daily, points, totals, destinations }`.',
		auth: 'read',
		pathParams: responseId,
		query: q.arrivalsQuery,
		responses: {
			200: {
				description: 'The figures.',
				schema: record('`daily`, `points`, `totals`, `destinations`.')
			},
			...badQuery,
			...refused,
			...unknownResponse
		}
	},
	{
		id: 'recordTally',
		method: 'post',
		path: '/api/v1/returns/tallies',
		tag: 'Mass return',
		summary: "Record one shift's arrival tally",
		description:
			'At a border crossing or a transit centre (only border crossings count people who crossed). `destinations`: province P-codes, each once, adding up to at most the tally. Parts never exceed their whole.',
		auth: 'write',
		body: {
			schema: newTallySchema,
			example: {
				id: CLIENT_ID,
				responseId: 1,
				locationId: 1,
				arrivedOn: '2014-06-14',
				shift: 'morning',
				f_18_59: 120,
				m_18_59: 180,
				f_0_5: 14,
				m_0_5: 12,
				unaccompaniedChildren: 2,
				destinations: [{ pcode: 'KH03', persons: 60 }]
			}
		},
		responses: { ...taken('tally'), ...badBody, ...refused, ...reused }
	},
	{
		id: 'createManifest',
		method: 'post',
		path: '/api/v1/returns/manifests',
		tag: 'Mass return',
		summary: 'Create a manifest',
		description:
			'A draft manifest with its load: `passengers` for `mode` `named`, `headcount` for `headcount`. More people than `capacity` is a 400.',
		auth: 'write',
		body: {
			schema: newManifestSchema,
			example: {
				id: CLIENT_ID,
				responseId: 1,
				originLocationId: 1,
				vehicleKind: 'bus',
				plate: '2A-1234',
				capacity: 45,
				destProvincePcode: 'KH03',
				plannedDeparture: '2014-06-14T09:00',
				mode: 'named',
				passengers: [{ name: 'Chea Sokha', sex: 'f', age: 34, flags: ['pregnant_lactating'] }]
			}
		},
		responses: { ...taken('manifest'), ...badBody, ...refused, ...reused }
	},
	{
		id: 'getManifest',
		method: 'get',
		path: '/api/v1/returns/manifests/{id}',
		tag: 'Mass return',
		summary: 'A manifest',
		description:
			"With its counts. `passengerList` and the driver's name and phone only for the manifest's organisation and coordinators (that view is logged); others get the seats and the dispatcher's contact.",
		auth: 'read',
		pathParams: { id: id('The manifest.') },
		responses: {
			200: { description: 'The manifest.', schema: record('The manifest.') },
			...refused,
			404: { description: 'No such manifest (`not_found`).' }
		}
	},
	{
		id: 'changeManifestStatus',
		method: 'post',
		path: '/api/v1/returns/manifests/{id}/status',
		tag: 'Mass return',
		summary: 'Move a manifest on',
		description:
			'draft → boarding → departed → arrived, or draft/boarding → cancelled; `at` defaults to now. For the owning organisation and coordinators.',
		auth: 'write',
		pathParams: { id: id('The manifest.') },
		body: { schema: statusChangeSchema, example: { status: 'boarding' } },
		responses: {
			200: { description: 'The manifest moved.', schema: record('The manifest.') },
			...badBody,
			...refused,
			404: { description: 'No such manifest (`not_found`).' }
		}
	},
	{
		id: 'confirmArrival',
		method: 'post',
		path: '/api/v1/returns/manifests/{id}/arrival',
		tag: 'Mass return',
		summary: "The receiving team's confirmation",
		description:
			'For a named list: `missingIds` (a team that sees the names) or `missingSeats` (counted from 1); for a headcount, `receivedCount` (default: everyone).',
		auth: 'write',
		pathParams: { id: id('The manifest.') },
		body: {
			schema: arrivalSchema,
			example: { missingSeats: [12], missingNote: 'Got off at Sisophon' }
		},
		responses: {
			200: { description: 'The manifest, arrived.', schema: record('The manifest.') },
			...badBody,
			...refused,
			404: { description: 'No such manifest (`not_found`).' }
		}
	},
	{
		id: 'listActivities',
		method: 'get',
		path: '/api/v1/shelter/activities',
		tag: 'Shelter',
		summary: 'The 4W rows, a page at a time',
		description:
			'The rows the caller may see, in the order they were made, with `totals` of every row under the same filters. Validated rows unless `reviewState` says otherwise.',
		auth: 'read',
		query: q.activityListQuery,
		responses: {
			200: {
				description: 'A page of rows.',
				schema: page('The rows.', { totals: z.record(z.string(), z.number()) })
			},
			...badQuery,
			...refused,
			...unknownResponse
		}
	},
	{
		id: 'listSites',
		method: 'get',
		path: '/api/v1/shelter/sites',
		tag: 'Shelter',
		summary: 'Sites with their population',
		description:
			'In the order they were registered, with the latest count in force on the as-of day (today unless given) of each site open that day. `totals` counts every open site under the filters, not only those of the page.',
		auth: 'read',
		query: q.siteListQuery,
		responses: {
			200: {
				description: 'A page of sites.',
				schema: page('The sites.', { asOf: z.string(), totals: z.record(z.string(), z.number()) })
			},
			...badQuery,
			...refused,
			...unknownResponse
		}
	},
	{
		id: 'gaps',
		method: 'get',
		path: '/api/v1/shelter/gaps',
		tag: 'Shelter',
		summary: 'The Gaps table',
		description:
			'People in need against reached, and NFI against the standard, per area: `{ asOf, level, items, rows }`, each cell keyed by its item code.',
		auth: 'read',
		query: q.gapsQuery,
		responses: { 200: { description: 'The table.' }, ...badQuery, ...refused, ...unknownResponse }
	},
	{
		id: 'addPopulation',
		method: 'post',
		path: '/api/v1/shelter/sites/{siteId}/population',
		tag: 'Shelter',
		summary: "A site's population count",
		description:
			'Append-only; the latest `asOf` in force is the occupancy. Admins and coordinators for any site, partners and field teams for sites their organisation manages.',
		auth: 'write',
		pathParams: { siteId: id('The site.') },
		body: {
			schema: populationSchema,
			example: {
				id: CLIENT_ID,
				asOf: '2020-10-12T08:00:00+07:00',
				households: 10,
				f_18_59: 14,
				m_18_59: 12,
				f_0_5: 3,
				disabled: 2
			}
		},
		responses: {
			...taken('count'),
			...badBody,
			...refused,
			404: { description: 'No such site (`not_found`).' },
			...reused
		}
	},
	{
		id: 'correctPopulation',
		method: 'post',
		path: '/api/v1/shelter/population/{countId}/correction',
		tag: 'Shelter',
		summary: 'Correct a count',
		description:
			'A new count replacing `{countId}`, with the reason. Only a count in force (else 409).',
		auth: 'write',
		pathParams: { countId: id('The count replaced.') },
		body: {
			schema: correctionBodySchema,
			example: {
				id: CLIENT_ID,
				asOf: '2020-10-12T08:00:00+07:00',
				households: 9,
				f_18_59: 13,
				m_18_59: 12,
				reason: 'Counted one family twice'
			}
		},
		responses: {
			...taken('correction'),
			...badBody,
			...refused,
			404: { description: 'No such count (`not_found`).' },
			409: { description: 'The count is no longer in force, or the `id` was reused (`conflict`).' }
		}
	},
	{
		id: 'retractPopulation',
		method: 'post',
		path: '/api/v1/shelter/population/{countId}/retraction',
		tag: 'Shelter',
		summary: 'Withdraw a count',
		description:
			'Retracting a correction brings back the count it replaced. Only a count in force (else 409).',
		auth: 'write',
		pathParams: { countId: id('The count withdrawn.') },
		body: { schema: retractionBodySchema, example: { reason: 'Sent for the wrong site' } },
		responses: {
			201: { description: 'Withdrawn.', schema: record('`retracts`, `reason`, `at`.') },
			...badBody,
			...refused,
			404: { description: 'No such count (`not_found`).' },
			409: { description: 'The count is no longer in force (`conflict`).' }
		}
	},
	{
		id: 'koboSubmission',
		method: 'post',
		path: '/api/v1/integrations/kobo',
		tag: 'Collect',
		summary: "KoBoToolbox's REST service",
		description:
			"Each submission of the Sahakar form, as KoBo sends it (flat JSON, its own keys ignored), becomes an assessment; `meta/instanceID` is the record's `id`, so KoBo's retries are harmless.",
		auth: 'kobo',
		body: {
			schema: z.record(z.string(), z.unknown()),
			example: {
				_id: 281734562,
				responseId: '2',
				'where/point': '13.1 103.2 0 4.6',
				'where/pcode': 'KH0201',
				'when/observedOn': '2020-10-16',
				'affected/affectedHouseholds': '30',
				'services/access': 'boat_only',
				'needs/need_1': 'shelter',
				'meta/instanceID': `uuid:${CLIENT_ID}`,
				_submitted_by: 'crc_battambang_1'
			}
		},
		responses: { ...taken('assessment'), ...badBody, ...refused, ...reused }
	},
	{
		id: 'formList',
		method: 'get',
		path: '/formList',
		tag: 'Collect',
		summary: 'OpenRosa form list',
		description:
			'The forms ODK Collect may download, each with its version and hash (`?formID=` for one).',
		auth: 'openrosa',
		responses: {
			200: { description: 'The list.', contentType: 'text/xml' },
			401: {
				description: 'An OpenRosa message asking for Basic credentials.',
				contentType: 'text/xml'
			},
			403: { description: 'The role may not submit assessments.', contentType: 'text/xml' }
		}
	},
	{
		id: 'formDownload',
		method: 'get',
		path: '/forms/{formId}.{format}',
		tag: 'Collect',
		summary: 'An XLSForm/XForm',
		description:
			'The form generated from the assessment schema, as XForm (`xml`) or XLSForm (`xlsx`).',
		auth: 'openrosa',
		pathParams: {
			formId: { schema: z.string(), description: 'As in the form list.' },
			format: { schema: z.enum(['xml', 'xlsx']), description: 'The file format.' }
		},
		responses: {
			200: { description: 'The form.', contentType: 'application/octet-stream' },
			401: {
				description: 'An OpenRosa message asking for Basic credentials.',
				contentType: 'text/xml'
			},
			403: { description: 'The role may not submit assessments.', contentType: 'text/xml' },
			404: { description: 'No such form.', contentType: 'text/xml' }
		}
	},
	{
		id: 'submissionCheck',
		method: 'head',
		path: '/submission',
		tag: 'Collect',
		summary: 'OpenRosa pre-flight',
		description: 'ODK Collect asks first, to learn the auth it needs.',
		auth: 'openrosa',
		responses: {
			204: { description: 'Ready, with the OpenRosa headers.' },
			401: { description: 'Basic credentials needed.' },
			403: { description: 'The role may not submit assessments.' }
		}
	},
	{
		id: 'submission',
		method: 'post',
		path: '/submission',
		tag: 'Collect',
		summary: 'OpenRosa form submission',
		description:
			'One filled form as multipart/form-data (`xml_submission_file`), at most 256 kB; it goes through the same checks as the JSON API.',
		auth: 'openrosa',
		responses: {
			201: { description: 'A new assessment.', contentType: 'text/xml' },
			202: { description: 'Sahakar already had it (a resend).', contentType: 'text/xml' },
			400: { description: 'An OpenRosa message naming the problem.', contentType: 'text/xml' },
			401: { description: 'Basic credentials needed.', contentType: 'text/xml' },
			403: { description: 'The role may not submit assessments.', contentType: 'text/xml' },
			413: { description: 'Too large.', contentType: 'text/xml' }
		}
	}
];
