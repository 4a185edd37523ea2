/**
 * superforms' client validation, with the schema, zod and the app's zod messages fetched once
 * the person starts on the page (below) rather than with it: zod was a quarter of a form page's
 * JavaScript, and a page is read before its form is filled in.
 * The browser still checks every form before it is sent; the server has the last word.
 *
 * The adapter is passed to `superForm` as it is made, so superforms takes it as the form's own
 * client validator (a client adapter swapped in later is refused).
 */
import { browser } from '$app/environment';
import type {
	ClientValidationAdapter,
	Infer,
	InferIn,
	ZodValidationSchema
} from 'sveltekit-superforms/adapters';

/**
 * Settles at the person's first touch, key or focus. Selects bound to an empty value write their
 * first option as the page starts, which superforms validates: that check waits for this, so
 * merely opening a page never downloads the schema.
 */
export const interacted = new Promise<void>((resolve) => {
	if (!browser) return;
	for (const type of ['pointerdown', 'keydown', 'focusin', 'submit']) {
		addEventListener(type, () => resolve(), { capture: true, once: true, passive: true });
	}
});

export function lazyValidators<S extends ZodValidationSchema>(
	schema: () => Promise<S>
): ClientValidationAdapter<Infer<S, 'zod4'>, InferIn<S, 'zod4'>> {
	let adapter: Promise<ClientValidationAdapter<Infer<S, 'zod4'>, InferIn<S, 'zod4'>>> | undefined;
	const load = async () => {
		await interacted;
		const [{ zodClientAdapter }, loaded] = await Promise.all([import('./zod-client'), schema()]);
		return zodClientAdapter(loaded);
	};
	return {
		superFormValidationLibrary: 'zod4',
		async validate(data) {
			adapter ??= load();
			try {
				return await (await adapter).validate(data);
			} catch {
				// The chunk could not be fetched: the server checks this submission, and the next
				// check fetches again.
				adapter = undefined;
				return { success: true, data: data as Infer<S, 'zod4'> };
			}
		}
	};
}
