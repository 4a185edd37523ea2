/**
 * Pictures the server draws for a page (map previews, charts) kept by everything they are drawn
 * from: the figures, the labels' language, the shapes' version. The same input always draws the
 * same SVG, so a kept one is never stale: a write changes the figures the page reads, and with
 * them the key, on every server at once. What is kept is bounded; the least recently used goes.
 */
import { createHash } from 'node:crypto';

export class DrawnCache<V> {
	#kept = new Map<string, V>();
	constructor(private readonly max: number) {}

	/** The key of an input: a hash of its JSON (the figures can be long; the key stays small). */
	static keyOf(input: unknown): string {
		return createHash('sha256').update(JSON.stringify(input)).digest('base64');
	}

	/** What `draw` made from this input before, or draws and keeps it. */
	get(input: unknown, draw: () => V): V {
		const key = DrawnCache.keyOf(input);
		if (this.#kept.has(key)) {
			const value = this.#kept.get(key) as V;
			// Most recently used last: the first key is the one to drop.
			this.#kept.delete(key);
			this.#kept.set(key, value);
			return value;
		}
		const value = draw();
		this.#kept.set(key, value);
		if (this.#kept.size > this.max) this.#kept.delete(this.#kept.keys().next().value as string);
		return value;
	}

	get size(): number {
		return this.#kept.size;
	}

	clear(): void {
		this.#kept.clear();
	}
}
