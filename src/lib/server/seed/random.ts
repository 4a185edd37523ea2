/**
 * A deterministic pseudo-random generator (mulberry32): the demo data and the benchmarks are the
 * same on every run, so numbers can be compared between runs.
 */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A version-4 UUID drawn from `r`: the demo's client-made ids, the same on every run. */
export function seededUuid(r: () => number): string {
	const digit = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
	return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) =>
		(c === 'x' ? digit(0, 15) : digit(8, 11)).toString(16)
	);
}
