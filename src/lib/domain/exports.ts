/** Export formats and the links to them, shared by the pages and the server. */

export const EXPORT_FORMATS = ['csv', 'xlsx', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const isExportFormat = (v: string): v is ExportFormat =>
	(EXPORT_FORMATS as readonly string[]).includes(v);

/** Page-only parameters that are not filters. */
const NOT_FILTERS = new Set(['page']);

/**
 * The API URL of an export carrying a page's filters: empty fields and paging left out, so the
 * strict API filters accept what a page's filter form sent.
 */
export function exportHref(
	dataset: string,
	format: ExportFormat,
	filters: URLSearchParams | string,
	extra: Record<string, string | number> = {}
): string {
	const params = new URLSearchParams();
	for (const [k, v] of Object.entries(extra)) params.set(k, String(v));
	for (const [k, v] of new URLSearchParams(filters)) {
		if (v !== '' && !NOT_FILTERS.has(k) && !params.has(k)) params.set(k, v);
	}
	const query = params.toString();
	return `/api/v1/export/${dataset}.${format}${query ? `?${query}` : ''}`;
}

/**
 * A page's parsed filters as search parameters (unset ones left out, `true` as `1`), so an
 * export carries what the page shows rather than what its URL happened to say.
 */
export function filterQuery(filter: Record<string, string | number | boolean | null | undefined>) {
	const params = new URLSearchParams();
	for (const [k, v] of Object.entries(filter)) {
		if (v === undefined || v === null || v === false || v === '') continue;
		params.set(k, v === true ? '1' : String(v));
	}
	return params.toString();
}
