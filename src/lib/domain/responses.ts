import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { optionalDay, pastDay } from './dates';
import { optionalText, requiredText, pcode } from './validation';
import { RESPONSE_KINDS, RESPONSE_AREAS } from './plain/responses';

export * from './plain/responses';

export const responseSchema = z
	.object({
		name: requiredText(200),
		kind: z.enum(RESPONSE_KINDS, { error: () => m.error_choose() }),
		/** When the emergency began; its end is set when it is over: neither after today. */
		startDate: pastDay,
		endDate: optionalDay(pastDay),
		description: optionalText(5000),
		provinces: z.array(pcode).default([]),
		areas: z.array(z.enum(RESPONSE_AREAS, { error: () => m.error_choose() })).default([])
	})
	.refine((r) => !r.endDate || r.endDate >= r.startDate, {
		path: ['endDate'],
		error: () => m.error_end_before_start()
	});
export type ResponseInput = z.infer<typeof responseSchema>;
