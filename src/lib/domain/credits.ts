/**
 * What a map must credit for the shapes it draws, by the file each came from (the licences are
 * in the README, "Importing official boundaries"). Credits stay in their original words in
 * both languages: they are the licensors' required attribution.
 */

export const OSM_CREDIT = '© OpenStreetMap contributors (ODbL), via geoBoundaries';
export const ODC_CREDIT =
	'Administrative boundaries of Cambodia 2014, Open Development Cambodia, CC BY 4.0, via geoBoundaries';
export const COD_AB_CREDIT = 'OCHA COD-AB, via HDX';

/** geoBoundaries' Cambodian provinces come from OpenStreetMap, its districts from ODC. */
function creditOf(level: number, source: string): string | null {
	if (/geoboundaries/i.test(source)) return level === 1 ? OSM_CREDIT : ODC_CREDIT;
	if (/admbnd|cod-?ab/i.test(source)) return COD_AB_CREDIT;
	// The default provinces are Natural Earth's, credited with the basemap.
	return null;
}

/** Each credit once, in the order of the shapes that need it. */
export function shapeCredits(
	shapes: Iterable<{ level: number; source: string | null | undefined }>
): string[] {
	const credits = new Set<string>();
	for (const { level, source } of shapes) {
		const credit = source ? creditOf(level, source) : null;
		if (credit) credits.add(credit);
	}
	return [...credits];
}

/** The credits of a GeoJSON collection of areas, as one line; undefined when none are owed. */
export function collectionCredit(
	collection: { features: { properties: { level: number; source: string | null } }[] } | null
): string | undefined {
	if (!collection) return undefined;
	const credits = shapeCredits(collection.features.map((f) => f.properties));
	return credits.length ? credits.join(' · ') : undefined;
}
