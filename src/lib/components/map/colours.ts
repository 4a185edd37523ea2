/** Colours of the admin-area layers, shared by the map page, legends and the pixel tests. */
export const PROVINCE_COLOURS = {
	fill: '#f6d8ae',
	selected: '#f4a259',
	line: '#7a5c3a'
};
