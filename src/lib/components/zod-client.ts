/**
 * superforms' zod adapter with the app's own zod messages, in a module of its own so that
 * `validators.ts` fetches it (and zod) only when a form first validates.
 */
import { zod4Client, type ZodValidationSchema } from 'sveltekit-superforms/adapters';
import { installZodMessages } from '$lib/domain/validation';

export function zodClientAdapter<S extends ZodValidationSchema>(schema: S) {
	installZodMessages();
	return zod4Client(schema);
}
