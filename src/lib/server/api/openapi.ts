/**
 * The OpenAPI 3.1 document of the JSON API, made from the zod schemas the routes validate with
 * (zod's JSON Schema output is draft 2020-12, the dialect OpenAPI 3.1 uses), so the contract
 * cannot drift from the code. The operations are listed in ./operations.ts.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MAX_PAGE } from '$lib/domain/api';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { OPERATIONS, errorSchema, type Auth, type Operation } from './operations';

type JsonSchema = Record<string, unknown>;

/** A key its schema accepts left out (a preprocess that turns nothing into null, say). */
const optional = (schema: z.ZodType) => schema.safeParse(undefined).success;

/** Input shapes: what a caller sends, before defaults and transforms. */
function jsonSchema(schema: z.ZodType): JsonSchema {
	const { $schema: _, ...rest } = z.toJSONSchema(schema, {
		io: 'input',
		unrepresentable: 'any',
		// zod marks a preprocessed key required even when the preprocess fills it in.
		override: ({ zodSchema, jsonSchema }) => {
			if (!(zodSchema instanceof z.ZodObject) || !jsonSchema.required) return;
			const shape = zodSchema.shape as Record<string, z.ZodType>;
			jsonSchema.required = jsonSchema.required.filter((k) => !optional(shape[k]));
			if (!jsonSchema.required.length) delete jsonSchema.required;
		}
	}) as JsonSchema;
	return rest;
}

function security(auth: Auth) {
	switch (auth) {
		case 'public':
			return [];
		case 'openrosa':
			return [{ basic: ['write'] }];
		case 'kobo':
			return [{ basic: ['write'] }, { bearer: ['write'] }, { tokenQuery: ['write'] }];
		default:
			return [{ session: [] }, { bearer: [auth] }];
	}
}

/** Each property of a query schema becomes a parameter; one with a default is optional. */
function queryParameters(query: z.ZodObject) {
	const properties = (jsonSchema(query).properties ?? {}) as Record<string, JsonSchema>;
	return Object.entries(properties).map(([name, { description, ...schema }]) => ({
		name,
		in: 'query',
		required: !optional(query.shape[name]),
		...(description ? { description } : {}),
		schema
	}));
}

const errorRef = { $ref: '#/components/schemas/Error' };

function responses(op: Operation) {
	const out: Record<string, unknown> = {};
	for (const [status, r] of Object.entries(op.responses)) {
		const type = r.contentType ?? 'application/json';
		const schema = r.schema ? jsonSchema(r.schema) : status >= '400' ? errorRef : undefined;
		out[status] = {
			description: r.description,
			...(schema || type !== 'application/json'
				? { content: { [type]: schema ? { schema } : {} } }
				: {})
		};
	}
	return out;
}

function operationObject(op: Operation) {
	const parameters = [
		...(op.path.match(/\{\w+\}/g) ?? []).map((p) => {
			const name = p.slice(1, -1);
			const param = op.pathParams?.[name];
			if (!param) throw new Error(`openapi: ${op.method} ${op.path} does not describe {${name}}`);
			return {
				name,
				in: 'path',
				required: true,
				description: param.description,
				schema: jsonSchema(param.schema)
			};
		}),
		...(op.query ? queryParameters(op.query) : [])
	];
	return {
		operationId: op.id,
		tags: [op.tag],
		summary: op.summary,
		description: op.description,
		security: security(op.auth),
		...(parameters.length ? { parameters } : {}),
		...(op.body
			? {
					requestBody: {
						required: true,
						content: {
							[op.body.contentType ?? 'application/json']: {
								schema: jsonSchema(op.body.schema),
								example: op.body.example
							}
						}
					}
				}
			: {}),
		responses: responses(op)
	};
}

const DESCRIPTION = `Sahakar's JSON API, under \`/api/v1\`, and the OpenRosa routes ODK Collect uses.

**Signing in.** A signed-in browser session (the \`${SESSION_COOKIE}\` cookie) may call every
operation its role allows. Programs send \`Authorization: Bearer <token>\` with a token made on
the account page; a token carries scopes: \`read\` to read, \`write\` to send records, \`export\`
to download files. The role still decides what the token's owner may see and do. ODK and KoBo
Collect sign in with HTTP Basic, the account's email and a \`write\` token as the password;
KoBoToolbox's REST service may also send the token as a bearer header or \`?token=\`.

**Errors** are JSON, \`{ "error": { "code", "message", "fields"? } }\`, in the caller's language
(\`Accept-Language\` or the account's), \`fields\` naming each bad field or parameter by its
dotted path. A refused request writes nothing.

**Pages.** Every list of records answers \`{ "data": [...], "next": … }\`, at most \`limit\`
records (1 to ${MAX_PAGE}, 100 unless asked) in the order they were made. \`next\` is null on the
last page; otherwise send it back unchanged as \`cursor\` for the following page. A walk to the
end meets every record that existed when it began exactly once, whatever comes in meanwhile; a
cursor is opaque and belongs to its list (another list answers 400 \`invalid\`). Tables of
figures (totals, reconciliation, arrivals, Gaps, map points) come whole.

**Field records** (assessments, tallies, manifests, population counts) carry an \`id\` the
sender makes (a UUID) and keeps for retries: 201 the first time, 200 with the same record when
the same id and content come again, 409 \`conflict\` when the id was used for other content.

Times are ISO 8601; a time without a zone is Cambodia's (UTC+7).`;

export function openApiDocument() {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
	return {
		openapi: '3.1.0',
		info: { title: 'Sahakar API', version: 'v1', description: DESCRIPTION },
		servers: [{ url: '/' }],
		tags: [...new Set(OPERATIONS.map((op) => op.tag))].map((name) => ({ name })),
		paths,
		components: {
			schemas: { Error: jsonSchema(errorSchema) },
			securitySchemes: {
				session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
				bearer: { type: 'http', scheme: 'bearer', description: 'An API token.' },
				basic: {
					type: 'http',
					scheme: 'basic',
					description: "The account's email and a `write` token as the password."
				},
				tokenQuery: { type: 'apiKey', in: 'query', name: 'token' }
			}
		}
	};
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;

let built: { body: string; etag: string } | undefined;

/** The document as served: built once per server, with an ETag for revalidation. */
export function servedDocument() {
	if (!built) {
		const body = JSON.stringify(openApiDocument());
		const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
		built = { body, etag: `"${hash}"` };
	}
	return built;
}
