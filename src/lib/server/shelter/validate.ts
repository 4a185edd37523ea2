import type { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { UserError } from '$lib/server/errors';

/** Parses at the service's boundary; a refusal names each field with its first message. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const parsed = schema.safeParse(input);
	if (parsed.success) return parsed.data;
	const fields: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const key = issue.path.join('.');
		fields[key] ??= issue.message;
	}
	throw new UserError(m.error_fix_fields(), 'invalid', fields);
}
