/**
 * The sectors, labels, links and file names of sitreps that pages show, without zod: a page
 * imports them from here so that its first load does not carry the schemas (`../sitreps.ts`,
 * which re-exports all of this).
 */
import { m } from '$lib/paraglide/messages.js';
import { dayInCambodia } from '../calendar';

export const SITREP_STATUSES = ['draft', 'published'] as const;
export type SitrepStatus = (typeof SITREP_STATUSES)[number];

/** The HRF's sectors, in the order a sitrep lists them. */
export const SECTORS = [
	'shelter_nfi',
	'wash',
	'health',
	'food_security',
	'protection',
	'logistics',
	'education'
] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_PARTS = ['needs', 'response', 'gaps'] as const;
export type SectorPart = (typeof SECTOR_PARTS)[number];

export type SectorTexts = Record<Sector, Record<SectorPart, string | null>>;
export type SectorField = `${Sector}_${SectorPart}`;
export const sectorField = (sector: Sector, part: SectorPart) => `${sector}_${part}` as SectorField;

export const sectorLabel: Record<Sector, () => string> = {
	shelter_nfi: () => m.sitrep_sector_shelter_nfi(),
	wash: () => m.sitrep_sector_wash(),
	health: () => m.sitrep_sector_health(),
	food_security: () => m.sitrep_sector_food_security(),
	protection: () => m.sitrep_sector_protection(),
	logistics: () => m.sitrep_sector_logistics(),
	education: () => m.sitrep_sector_education()
};

export const partLabel: Record<SectorPart, () => string> = {
	needs: () => m.sitrep_part_needs(),
	response: () => m.sitrep_part_response(),
	gaps: () => m.sitrep_part_gaps()
};

/** The heading of each area's figures in a report. */
export function figureSectionLabel(section: string): string {
	const labels: Record<string, () => string> = {
		returns: m.sitrep_section_returns,
		shelter: m.sitrep_section_shelter,
		assessments: m.sitrep_section_assessments
	};
	return labels[section]?.() ?? section;
}

/** Where a figure's rows are: the page of the list it came from, or else its export. */
export function sourceHref(source: { dataset: string; filters: Record<string, string> }): string {
	const { responseId, ...filters } = source.filters;
	const query = new URLSearchParams(filters).toString();
	const page = LIST_PAGES[source.dataset];
	if (page && responseId) return `/responses/${responseId}/${page}${query ? `?${query}` : ''}`;
	const all = new URLSearchParams(source.filters).toString();
	return `/api/v1/export/${source.dataset}.csv${all ? `?${all}` : ''}`;
}

/**
 * Datasets with a page inside a response that takes the figures' filters, relative to
 * `/responses/{id}/`: the page shows the same figure the report does.
 */
const LIST_PAGES: Record<string, string> = {
	arrivals: 'returns',
	assessments: 'assessments',
	sites: 'shelter',
	activities: 'shelter/activities',
	gaps: 'shelter/gaps'
};

/**
 * A sitrep file's name says what it is: `sitrep-{response}-{number}-{day}.{ext}`, the response
 * by its name in Latin letters (its id when the name has none, as a Khmer-only name), the day
 * the report is as of in Cambodia; a draft says so.
 */
export function sitrepFileName(
	report: {
		responseId: number;
		responseName: string;
		number: number;
		asOf: Date;
		status: SitrepStatus;
	},
	ext: string
): string {
	const slug =
		report.responseName
			.normalize('NFKD')
			.replace(/\p{M}/gu, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.slice(0, 60)
			.replace(/^-+|-+$/g, '') || `response-${report.responseId}`;
	const draft = report.status === 'draft' ? '-draft' : '';
	return `sitrep-${slug}-${report.number}-${dayInCambodia(report.asOf)}${draft}.${ext}`;
}
