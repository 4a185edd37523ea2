/**
 * superforms' client validation with the app's own zod messages. Installed here, when a form is
 * made, rather than in the root layout: zod is then downloaded only by pages with a form.
 */
import { zod4Client } from 'sveltekit-superforms/adapters';
import { installZodMessages } from '$lib/domain/validation';

export const clientValidators = ((...args: Parameters<typeof zod4Client>) => {
	installZodMessages();
	return zod4Client(...args);
}) as typeof zod4Client;
