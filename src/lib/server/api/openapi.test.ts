import { describe, expect, it } from 'vitest';
import { discoverRequests } from '../../../../tests/support/routes';
import { openApiDocument } from './openapi';
import { OPERATIONS, errorSchema } from './operations';

/** `GET /api/v1/export/[dataset].[format]`, as the route tree names it. */
const routeKey = (method: string, path: string) =>
	`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, '[$1]')}`;

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

	it('puts each example in the document under the schema made from the same zod schema', () => {
		const doc = openApiDocument();
		for (const op of OPERATIONS.filter((o) => o.body)) {
			const media = doc.paths[op.path][op.method] as {
				requestBody: { content: Record<string, { example: unknown; schema: object }> };
			};
			const content = Object.values(media.requestBody.content)[0];
			expect(content.example).toEqual(op.body!.example);
			expect(content.schema).toHaveProperty('type', 'object');
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
			expect.arrayContaining(['limit', 'after', 'from', 'to', 'area', 'access'])
		);
		const exportOp = doc.paths['/api/v1/export/{dataset}.{format}'].get as { security: object[] };
		expect(exportOp.security).toEqual([{ session: [] }, { bearer: ['export'] }]);
	});
});
