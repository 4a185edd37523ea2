/**
 * Taking in a field record exactly once, whatever the area (assessments, arrival tallies,
 * manifests, population counts). The form or the device makes the record's id; the unique index
 * on it decides which of two concurrent posts writes the row, and a hash of the content tells a
 * retry (the same record again: answered with the stored one) from a reuse of the id for
 * something else (a conflict, 409). Retries, double clicks and the offline outbox never count
 * anything twice.
 */
import { createHash } from 'node:crypto';
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from '$lib/domain/policy';
import { UserError } from './errors';

/** A key as JSON writes it: most are plain names, needing no escapes. */
const PLAIN_KEY = /^[\w$-]*$/;

/**
 * Keys sorted at every level and times as ISO text: equal content always reads the same. The
 * text is exactly `JSON.stringify`'s with every object's keys sorted (the hashes already stored
 * are of that), written in one pass: a replacer copying each object was most of a submission's
 * hashing. `undefined` when JSON has no text for the value (a function, `undefined`).
 */
export function canonicalJson(value: unknown): string | undefined {
	switch (typeof value) {
		case 'string':
			return JSON.stringify(value);
		case 'number':
			return Number.isFinite(value) ? String(value) : 'null';
		case 'boolean':
			return value ? 'true' : 'false';
		case 'object':
			break;
		default:
			return JSON.stringify(value); // undefined, a function, a symbol; a bigint throws
	}
	if (value === null) return 'null';
	const toJSON = (value as { toJSON?: unknown }).toJSON;
	if (typeof toJSON === 'function') return canonicalJson(toJSON.call(value));
	if (Array.isArray(value)) {
		let text = '[';
		for (let i = 0; i < value.length; i++)
			text += (i ? ',' : '') + (canonicalJson(value[i]) ?? 'null');
		return `${text}]`;
	}
	const o = value as Record<string, unknown>;
	const keys = Object.keys(o).sort();
	let text = '';
	for (const key of keys) {
		const v = canonicalJson(o[key]);
		if (v === undefined) continue;
		text += `${text ? ',' : '{'}${PLAIN_KEY.test(key) ? `"${key}"` : JSON.stringify(key)}:${v}`;
	}
	return text ? `${text}}` : '{}';
}

/** SHA-256 of the canonical JSON, as stored beside the record. */
export function contentHash(value: unknown): string {
	return createHash('sha256')
		.update(canonicalJson(value) as string)
		.digest('hex');
}

export type Outcome = 'created' | 'existing';

export interface OnceOptions<Row> {
	/** The stored record with the client's id, if there is one. */
	find: () => Promise<Row | undefined>;
	/** Who stored a record, and the hash of what they sent. */
	stamp: (row: Row) => { hash: string | null; by: number };
	/** The hash of what this post carries. */
	hash: string;
	actor: Actor;
	/**
	 * Writes the new record (`insert … on conflict do nothing … returning`); undefined when
	 * another server wrote the same id between the look and the insert.
	 */
	create: () => Promise<Row | undefined>;
	/** What a reuse of the id for other content says. */
	conflict?: () => string;
}

/**
 * The record for this post: written now (`created`, HTTP 201), or the one an earlier post of
 * the same id and content wrote (`existing`, 200). The same id from someone else or with other
 * content is refused with a 409, writing nothing. Run it inside the caller's transaction.
 */
export async function once<Row>(o: OnceOptions<Row>): Promise<{ outcome: Outcome; row: Row }> {
	const same = (row: Row): { outcome: Outcome; row: Row } => {
		const { hash, by } = o.stamp(row);
		if (hash !== o.hash || by !== o.actor.id) {
			const message = (o.conflict ?? m.error_id_conflict)();
			throw new UserError(message, 'conflict', { id: message });
		}
		return { outcome: 'existing', row };
	};
	const existing = await o.find();
	if (existing) return same(existing);
	const created = await o.create();
	if (created) return { outcome: 'created', row: created };
	const raced = await o.find();
	if (!raced) throw new Error('a record was neither written nor found under its id');
	return same(raced);
}
