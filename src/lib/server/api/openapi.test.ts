import { Validator, type Schema } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { discoverRequests } from '../../../../tests/support/routes';
import { openApiDocument } from './openapi';
import { OPERATIONS, errorSchema } from './operations';

/** `GET /api/v1/export/[dataset].[format]`, as the route tree names it. */
const routeKey = (method: string, path: string) =>
	`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, '[$1]')}`;

type Body = { requestBody?: { content: Record<string, { schema: Schema; example: unknown }> } };

const documented = () =>
	Object.entries(openApiDocument().paths).flatMap(([path, methods]) =>
		Object.keys(methods).map((method) => routeKey(method, path))
	);

describe('the OpenAPI document', () => {
	it('describes every /api/v1 route, method by method, and nothing the app does not answer', () => {
		const routes = discoverRequests();
		const api = routes.filter((r) => r.split(' ')[1].startsWith('/api/v1/'));
		const listed = documented();
		expect(api.filter((r) => !listed.includes(r))).toEqual([]);
		expect(listed.filter((r) => !routes.includes(r))).toEqual([]);
	});

	it('has request examples the route accepts', () => {
		const withBody = OPERATIONS.filter((op) => op.body);
		expect(withBody.map((op) => op.id)).toContain('submitAssessment');
		for (const op of withBody) {
			const parsed = op.body!.schema.safeParse(op.body!.example);
			expect(parsed.error?.issues ?? [], `${op.method} ${op.path}`).toEqual([]);
		}
	});

	it("has examples that the document's own JSON Schema accepts", () => {
		const doc = openApiDocument();
		const bodies = Object.entries(doc.paths).flatMap(([path, methods]) =>
			Object.entries(methods as Record<string, Body>).flatMap(([method, op]) =>
				Object.values(op.requestBody?.content ?? {}).map((c) => ({ at: `${method} ${path}`, ...c }))
			)
		);
		expect(bodies.length).toBe(OPERATIONS.filter((op) => op.body).length);
		for (const { at, schema, example } of bodies) {
			expect(example, at).toBeDefined();
			const { errors } = new Validator(schema, '2020-12', false).validate(example);
			expect(errors, at).toEqual([]);
		}
	});

	it('names the error shape, the scopes and the parameters a caller must send', () => {
		const doc = openApiDocument();
		expect(errorSchema.safeParse({ error: { code: 'invalid', message: 'x' } }).success).toBe(true);
		const list = doc.paths['/api/v1/assessments'].get as {
			security: object[];
			parameters: { name: string; required: boolean }[];
		};
		expect(list.security).toEqual([{ session: [] }, { bearer: ['read'] }]);
		const required = list.parameters.filter((p) => p.required).map((p) => p.name);
		expect(required).toEqual(['responseId']);
		expect(list.parameters.map((p) => p.name)).toEqual(
			expect.arrayContaining(['limit', 'cursor', 'from', 'to', 'area', 'access'])
		);
		const exportOp = doc.paths['/api/v1/export/{dataset}.{format}'].get as { security: object[] };
		expect(exportOp.security).toEqual([{ session: [] }, { bearer: ['export'] }]);
	});

	it('pages every list one way and names the response and the days alike everywhere', () => {
		type Op = {
			parameters?: { name: string }[];
			responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
		};
		const ops = Object.entries(openApiDocument().paths).flatMap(([path, methods]) =>
			Object.entries(methods as Record<string, Op>).map(([method, op]) => ({
				at: `${method} ${path}`,
				params: (op.parameters ?? []).map((p) => p.name),
				answer: op.responses['200']?.content?.['application/json']?.schema as
					{ properties?: Record<string, unknown> } | undefined
			}))
		);
		const lists = ops.filter((op) => op.answer?.properties?.next).map((op) => op.at);
		expect(lists.sort()).toEqual([
			'get /api/v1/assessments',
			'get /api/v1/responses',
			'get /api/v1/shelter/activities',
			'get /api/v1/shelter/sites'
		]);
		for (const op of ops) {
			const paged = lists.includes(op.at);
			expect(op.params.includes('cursor') && op.params.includes('limit'), op.at).toBe(paged);
			for (const old of ['after', 'offset', 'page', 'response', 'response_id', 'since', 'until'])
				expect(op.params, op.at).not.toContain(old);
		}
	});
});
