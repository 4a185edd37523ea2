/**
 * Province and district shapes for the maps, fetched from /api/v1/boundaries rather than carried
 * in every page's data. The browser keeps the response and revalidates it by its ETag (a 304
 * while no one imports boundaries), so nothing is kept here beyond one request in flight.
 */
import type { AdminLevel, BoundaryCollection } from '$lib/domain/places';

const pending: Partial<Record<AdminLevel, Promise<BoundaryCollection | null>>> = {};

export function fetchBoundaries(level: AdminLevel): Promise<BoundaryCollection | null> {
	let p = pending[level];
	if (!p) {
		p = fetch(`/api/v1/boundaries?level=${level}`)
			.then((r) => (r.ok ? (r.json() as Promise<BoundaryCollection>) : null))
			.catch(() => null);
		void p.finally(() => (pending[level] = undefined));
		pending[level] = p;
	}
	return p;
}

/**
 * The shapes of `level()`, null until they arrive; follows the level when it changes. With
 * `wanted`, nothing is fetched until it is true: a map started on demand needs no shapes
 * before then, and a phone's slow link is busy with the page itself.
 */
export function boundariesOf(
	level: () => AdminLevel,
	wanted: () => boolean = () => true
): {
	readonly current: BoundaryCollection | null;
} {
	let current = $state.raw<BoundaryCollection | null>(null);
	$effect(() => {
		if (!wanted()) return;
		let live = true;
		void fetchBoundaries(level()).then((fc) => {
			if (live) current = fc;
		});
		return () => {
			live = false;
		};
	});
	return {
		get current() {
			return current;
		}
	};
}
