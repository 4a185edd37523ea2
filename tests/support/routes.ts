/**
 * Every request the app answers, read from the route tree: each page (`+page.svelte`), each form
 * action of its `+page.server.ts`, and each method a `+server.ts` exports. Keys look like
 * `GET /responses/[responseId]/returns`, `POST /account?/password`, `POST /login` (a default
 * action); route groups such as `(app)` are left out, as they are of the URLs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

const ROUTES = 'src/routes';
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

function* files(dir: string): Generator<string> {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* files(path);
		else yield path;
	}
}

/** The URL pattern of a route folder: `src/routes/(app)/account` → `/account`. */
function urlOf(dir: string): string {
	const parts = relative(ROUTES, dir)
		.split(sep)
		.filter((p) => p && !/^\(.*\)$/.test(p));
	return `/${parts.join('/')}`;
}

function source(path: string) {
	return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
}

const exported = (node: ts.Node) =>
	ts.canHaveModifiers(node) &&
	!!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The names of the `export const actions = { … }` object's properties. */
function actionNames(path: string): string[] {
	const names: string[] = [];
	for (const statement of source(path).statements) {
		if (!ts.isVariableStatement(statement) || !exported(statement)) continue;
		for (const d of statement.declarationList.declarations) {
			if (!ts.isIdentifier(d.name) || d.name.text !== 'actions') continue;
			let init = d.initializer;
			while (init && (ts.isSatisfiesExpression(init) || ts.isAsExpression(init)))
				init = init.expression;
			if (!init || !ts.isObjectLiteralExpression(init))
				throw new Error(`${path}: actions is not an object literal`);
			for (const p of init.properties) {
				if (!p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)))
					throw new Error(`${path}: an action without a plain name`);
				names.push(p.name.text);
			}
		}
	}
	return names;
}

/** The HTTP methods a `+server.ts` exports. */
function methodNames(path: string): string[] {
	const names: string[] = [];
	for (const statement of source(path).statements) {
		if (!exported(statement)) continue;
		if (ts.isFunctionDeclaration(statement) && statement.name) names.push(statement.name.text);
		if (ts.isVariableStatement(statement))
			for (const d of statement.declarationList.declarations)
				if (ts.isIdentifier(d.name)) names.push(d.name.text);
	}
	return names.filter((n) => METHODS.has(n) || n === 'fallback');
}

export function discoverRequests(): string[] {
	const keys = new Set<string>();
	for (const path of files(ROUTES)) {
		const name = path.split(sep).pop()!;
		const url = urlOf(join(path, '..'));
		if (/^\+page(@.*)?\.svelte$/.test(name)) keys.add(`GET ${url}`);
		if (name === '+page.server.ts') {
			for (const action of actionNames(path))
				keys.add(action === 'default' ? `POST ${url}` : `POST ${url}?/${action}`);
		}
		if (name === '+server.ts') for (const method of methodNames(path)) keys.add(`${method} ${url}`);
	}
	return [...keys].sort();
}
