/**
 * Which area a point falls in, for the forms' point pickers: the point-in-polygon code (turf and
 * its robust predicates) is loaded on the first lookup, when a point is entered, not with the
 * page. The service worker keeps it with the rest of the build, so the lookup also works offline.
 */
import type { Feature } from 'geojson';
import type { AreaGeometry } from '$lib/domain/geometry';

let geometry: Promise<typeof import('$lib/domain/geometry')> | undefined;

export async function areaAtLater<F extends Feature<AreaGeometry, unknown>>(
	features: F[],
	lon: number,
	lat: number
): Promise<F | null> {
	geometry ??= import('$lib/domain/geometry');
	return (await geometry).areaAt(features, lon, lat);
}
