/**
 * The readable reference page's view of the OpenAPI document: operations by tag, with their
 * parameters, body fields and answers as rows, each type written the way a person reads it.
 */
import { DAY_PATTERN } from '$lib/domain/dates';
import { openApiDocument } from './openapi';

type JsonSchema = {
	type?: string | string[];
	enum?: unknown[];
	const?: unknown;
	anyOf?: JsonSchema[];
	items?: JsonSchema;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	minimum?: number;
	maximum?: number;
	exclusiveMinimum?: number;
	maxLength?: number;
	pattern?: string;
	default?: unknown;
	description?: string;
	format?: string;
};

export interface Row {
	name: string;
	type: string;
	required: boolean;
	description: string;
}

/** `integer 1–1000, default 100`, `road | boat_only | none`, `string[]`. */
export function typeText(s: JsonSchema): string {
	let text: string;
	if (s.enum) text = s.enum.map(String).join(' | ');
	else if (s.const !== undefined) text = JSON.stringify(s.const);
	else if (s.anyOf) {
		const parts = s.anyOf.filter((a) => a.type !== 'null' && a.const !== '').map(typeText);
		text =
			[...new Set(parts)].join(' | ') + (parts.length < s.anyOf.length ? ', may be empty' : '');
	} else if (s.type === 'array') {
		const item = s.items ? typeText(s.items) : 'any';
		text = item.includes(' ') ? `list of (${item})` : `${item}[]`;
	} else text = [s.type ?? 'any'].flat().join(' | ');
	const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
	const high =
		s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
	if (low !== undefined && high !== undefined) text += ` ${low}–${high}`;
	else if (low !== undefined) text += ` ≥ ${low}`;
	else if (high !== undefined) text += ` ≤ ${high}`;
	if (s.maxLength !== undefined) text += `, ≤ ${s.maxLength} characters`;
	if (s.pattern) text += s.pattern === DAY_PATTERN.source ? ' YYYY-MM-DD' : ` /${s.pattern}/`;
	if (s.default !== undefined) text += `, default ${JSON.stringify(s.default)}`;
	return text;
}

function fieldRows(s: JsonSchema): Row[] {
	return Object.entries(s.properties ?? {}).map(([name, p]) => ({
		name,
		type: typeText(p),
		required: (s.required ?? []).includes(name),
		description: p.description ?? ''
	}));
}

/** A body's fields; a body of several shapes (one assessment, or a batch of them): each one's in turn. */
const bodyRows = (s: JsonSchema): Row[] => (s.anyOf ? s.anyOf.flatMap(fieldRows) : fieldRows(s));

interface Parameter {
	name: string;
	in: string;
	required: boolean;
	description?: string;
	schema: JsonSchema;
}

interface OperationObject {
	summary: string;
	description?: string;
	tags: string[];
	security: Record<string, string[]>[];
	parameters?: Parameter[];
	requestBody?: { content: Record<string, { schema: JsonSchema; example: unknown }> };
	responses: Record<
		string,
		{ description: string; content?: Record<string, { schema?: JsonSchema }> }
	>;
}

export function apiReference() {
	const doc = openApiDocument();
	const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
		Object.entries(methods as Record<string, OperationObject>).map(([method, op]) => {
			const [type, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
			return {
				anchor: `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, ''),
				method: method.toUpperCase(),
				path,
				tag: op.tags[0],
				summary: op.summary,
				description: op.description ?? '',
				/** `[]` public; else the ways to sign in, each with the scope it needs. */
				security: op.security.map((s) => Object.entries(s)[0]),
				parameters: (op.parameters ?? []).map((p) => ({
					name: p.name,
					in: p.in,
					type: typeText(p.schema),
					required: p.required,
					description: p.description ?? ''
				})),
				body: media
					? {
							type,
							fields: bodyRows(media.schema),
							example: JSON.stringify(media.example, null, 2)
						}
					: null,
				responses: Object.entries(op.responses).map(([status, r]) => ({
					status,
					description: r.description,
					type: Object.keys(r.content ?? {})[0] ?? ''
				}))
			};
		})
	);
	const tags = doc.tags.map(({ name }) => ({
		name,
		operations: operations.filter((op) => op.tag === name)
	}));
	return {
		version: doc.info.version,
		tags,
		error: fieldRows((doc.components.schemas.Error as JsonSchema).properties?.error ?? {})
	};
}
