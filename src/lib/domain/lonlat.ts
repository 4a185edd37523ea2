/**
 * The first check any typed or picked point gets, apart from the geometry (and its
 * point-in-polygon code) so that a form can make it without loading that.
 */

/** Valid longitude/latitude numbers. */
export function isLonLat(lon: unknown, lat: unknown): lon is number {
	return (
		typeof lon === 'number' &&
		typeof lat === 'number' &&
		Number.isFinite(lon) &&
		Number.isFinite(lat) &&
		lon >= -180 &&
		lon <= 180 &&
		lat >= -90 &&
		lat <= 90
	);
}
