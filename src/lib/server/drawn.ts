/**
 * Pictures the server draws for a page (map previews, charts) kept by everything they are drawn
 * from: the figures, the labels' language, the shapes' version. The same input always draws the
 * same SVG, so a kept one is never stale: a write changes the figures the page reads, and with
 * them the key, on every server at once. What is kept is bounded; the least recently used goes.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export class DrawnCache<V> {
	// Boxed: the cache holds no null or undefined, and a picture may be "nothing to draw".
	readonly #kept: LRUCache<string, { value: V }>;
	constructor(max: number) {
		this.#kept = new LRUCache({ max });
	}

	/** The key of an input: a hash of its JSON (the figures can be long; the key stays small). */
	static keyOf(input: unknown): string {
		return createHash('sha256').update(JSON.stringify(input)).digest('base64');
	}

	/** What `draw` made from this input before, or draws and keeps it. */
	get(input: unknown, draw: () => V): V {
		const key = DrawnCache.keyOf(input);
		const kept = this.#kept.get(key);
		if (kept) return kept.value;
		const value = draw();
		this.#kept.set(key, { value });
		return value;
	}

	get size(): number {
		return this.#kept.size;
	}
}
