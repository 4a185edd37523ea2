/**
 * Errors a service raises for the person using the app, with a message already in their
 * language. Routes turn them into a form message or a JSON error; anything else is a bug (500).
 */
export type ErrorCode =
	'invalid' | 'not_found' | 'forbidden' | 'conflict' | 'unauthorized' | 'throttled';

const STATUS: Record<ErrorCode, number> = {
	invalid: 400,
	unauthorized: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	throttled: 429
};

export class UserError extends Error {
	readonly status: number;
	constructor(
		message: string,
		readonly code: ErrorCode = 'invalid',
		/** Field messages, keyed by the form field they belong to. */
		readonly fields?: Record<string, string>
	) {
		super(message);
		this.name = 'UserError';
		this.status = STATUS[code];
	}
}

export const fieldError = (field: string, message: string, code: ErrorCode = 'invalid') =>
	new UserError(message, code, { [field]: message });

/** The first message for each field a schema refused, keyed by its dotted path (`items.0.quantity`,
 * `_` for the whole input): the keys the forms' fields and the API's `fields` both use. */
export function issueFields(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
	const fields: Record<string, string> = {};
	for (const issue of issues) fields[issue.path.map(String).join('.') || '_'] ??= issue.message;
	return fields;
}
