/** ODK's form engine, the one inside @getodk/web-forms, loaded in Node (under jsdom) for tests. */
import type { AnyNode, RootNode } from '@getodk/xforms-engine';

export async function loadInEngine(xml: string): Promise<RootNode> {
	// Its bundled tree-sitter (emscripten) sees Node and reaches for these CommonJS names.
	Object.assign(globalThis, { __dirname: '/', module: {} });
	const { createInstance } = await import('@getodk/xforms-engine');
	const instance = await createInstance(xml, {
		form: { fetchFormAttachment: async () => new Response('', { status: 404 }) }
	});
	return instance.root;
}

/** The node at `/data/…`, walking the form as a client does. */
export function nodeAt(root: RootNode, reference: string): AnyNode {
	const walk = (node: AnyNode): AnyNode | null => {
		if (node.currentState.reference === reference) return node;
		for (const child of (node.currentState.children ?? []) as AnyNode[]) {
			const found = walk(child);
			if (found) return found;
		}
		return null;
	};
	const found = walk(root as AnyNode);
	if (!found) throw new Error(`no node ${reference}`);
	return found;
}
