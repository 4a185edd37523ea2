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
