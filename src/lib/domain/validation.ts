/**
 * Shared zod building blocks whose messages come out in the reader's language: messages are
 * functions, so they are rendered when validation runs, in the locale of that moment.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { calendarDay } from './dates';

/**
 * No NUL character: PostgreSQL cannot store one in text (SQLite would), and no person means one;
 * pasted from a broken file, it is refused with a message rather than failing the write.
 */
const noNul = (v: string) => !v.includes('\u0000');
const nulMessage = { error: () => m.error_nul_character() };

export const requiredText = (max: number) =>
	z
		.string({ error: () => m.error_required() })
		.trim()
		.min(1, { error: () => m.error_required() })
		.max(max, { error: () => m.error_too_long({ max }) })
		.refine(noNul, nulMessage);

/** Empty input becomes null, so the database never holds meaningless empty strings. */
export const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.error_too_long({ max }) })
		.refine(noNul, nulMessage)
		.optional()
		.transform((v) => (v ? v : null));

/**
 * Optional text that also takes null (JSON forms and the API send it), so a parsed record parses
 * again to itself; stored as null when empty.
 */
export const nullableText = (max: number) =>
	z
		.string({ error: () => m.error_invalid() })
		.trim()
		.max(max, { error: () => m.error_too_long({ max }) })
		.refine(noNul, nulMessage)
		.nullish()
		.transform((v) => v || null);

/** A calendar day as `YYYY-MM-DD`, one the calendar has (the rule lives in `dates.ts`). */
export const isoDate = calendarDay;

/**
 * The id a device or a form makes for a new field record (a UUID), so that a retry, a double
 * click or the outbox sending again lands on the same record. ODK and KoBoToolbox write theirs
 * `uuid:…`, which is accepted.
 */
export const clientId = (message: () => string = () => m.error_client_id()) =>
	z
		.string({ error: () => m.error_required() })
		.trim()
		.toLowerCase()
		.transform((v) => v.replace(/^uuid:/, ''))
		.pipe(z.uuid({ error: message }));

/**
 * A filter read from a page's URL: blank is unset, and a value the page cannot read is dropped
 * (the page shows everything), never an error, since people edit and share such links.
 */
export const urlFilter = <T extends z.ZodType>(schema: T) =>
	z.preprocess(blankAsUnset, schema.optional()).catch(undefined);

/** One of `values` read from a page's URL, `fallback` when blank or not one of them. */
export const urlChoice = <const T extends readonly [string, ...string[]]>(
	values: T,
	fallback: T[number]
) => z.preprocess(blankAsUnset, z.enum(values).default(fallback)).catch(fallback);

const blankAsUnset = (v: unknown) => (v === '' ? undefined : v);

/**
 * A list's page number from the URL: a whole number from 1 to a million (50 million rows at 50 a
 * page); anything else, `1e308` included, is the first page rather than an error.
 */
// No page asked for is page 1 by `default`, not by `catch`: a caught failure builds its issues
// and their messages first, on every list's every request.
export const pageNumber = z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1);

/** A phone number as people write it: digits, spaces, +, - and brackets. */
export const phone = z
	.string()
	.trim()
	.max(30, { error: () => m.error_too_long({ max: 30 }) })
	.regex(/^[+\d][\d\s()-]*$|^$/, { error: () => m.ret_error_phone() })
	.nullish()
	.transform((v) => v || null);

export const PCODE_PATTERN = /^KH\d{2}(\d{2}(\d{2}(\d{2})?)?)?$/;

export const pcode = z
	.string()
	.trim()
	.toUpperCase()
	.regex(PCODE_PATTERN, { error: () => m.error_pcode() });

/**
 * Messages for what the field-level schemas above do not name themselves (a wrong type, an
 * unknown choice); installed once on each side, see `installZodMessages`.
 */
export function installZodMessages(): void {
	z.config({
		customError: (issue) => {
			switch (issue.code) {
				case 'invalid_type':
					return issue.input === undefined || issue.input === null || issue.input === ''
						? m.error_required()
						: m.error_invalid();
				case 'invalid_value':
					return m.error_choose();
				case 'too_small':
					return issue.origin === 'number' || issue.origin === 'int'
						? m.error_too_small({ min: String(issue.minimum) })
						: m.error_required();
				case 'too_big':
					return issue.origin === 'number' || issue.origin === 'int'
						? m.error_too_large()
						: m.error_too_long({ max: String(issue.maximum) });
				default:
					return m.error_invalid();
			}
		}
	});
}
