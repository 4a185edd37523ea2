/**
 * Situation reports in the OCHA/HRF format: what a coordinator writes (highlights, overview,
 * needs/response/gaps per sector, contacts, next report) and what must be there to publish.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import {
	dayInCambodia,
	fromCambodiaTime,
	optionalDay,
	parseInstant,
	pastDay,
	pastDayProblem,
	plannedDay,
	toCambodiaTime
} from './dates';
import { optionalText } from './validation';

export { fromCambodiaTime, toCambodiaTime };

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

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

const SECTOR_TEXT_MAX = 4000;
const sectorShape = Object.fromEntries(
	SECTORS.flatMap((s) =>
		SECTOR_PARTS.map((p) => [sectorField(s, p), optionalText(SECTOR_TEXT_MAX)])
	)
) as Record<SectorField, ReturnType<typeof optionalText>>;

/** The edit form, flat so that each sector part is its own field with its own message. */
export const sitrepSchema = z
	.object({
		/**
		 * Cambodia's wall-clock time. A draft may be written ahead for tonight (publishing waits
		 * until the time has passed), so it is judged by its day, as dates are.
		 */
		asOf: z
			.string({ error: () => m.error_required() })
			.regex(LOCAL_DATE_TIME, { error: () => m.sitrep_error_as_of() })
			.superRefine((v, ctx) => {
				const at = parseInstant(v);
				const problem = at ? pastDayProblem(dayInCambodia(at)) : m.sitrep_error_as_of();
				if (problem) ctx.addIssue({ code: 'custom', message: problem });
			}),
		periodFrom: optionalDay(pastDay),
		periodTo: optionalDay(pastDay),
		highlights: optionalText(4000),
		overview: optionalText(10_000),
		contacts: optionalText(2000),
		/** The next report is a plan: a year ahead at most. */
		nextReportOn: optionalDay(plannedDay),
		...sectorShape
	})
	.refine((s) => !s.periodFrom || !s.periodTo || s.periodTo >= s.periodFrom, {
		path: ['periodTo'],
		error: () => m.error_end_before_start()
	});
export type SitrepInput = z.input<typeof sitrepSchema>;
export type SitrepData = z.output<typeof sitrepSchema>;

export function sectorsOf(data: Record<SectorField, string | null>): SectorTexts {
	return Object.fromEntries(
		SECTORS.map((s) => [
			s,
			Object.fromEntries(SECTOR_PARTS.map((p) => [p, data[sectorField(s, p)] ?? null]))
		])
	) as SectorTexts;
}

function sectorFields(sectors: SectorTexts): Record<SectorField, string | undefined> {
	return Object.fromEntries(
		SECTORS.flatMap((s) =>
			SECTOR_PARTS.map((p) => [sectorField(s, p), sectors[s]?.[p] ?? undefined])
		)
	) as Record<SectorField, string | undefined>;
}

/** What a sitrep must hold to be published. */
export interface PublishableSitrep {
	periodFrom: string | null;
	periodTo: string | null;
	highlights: string | null;
	overview: string | null;
	contacts: string | null;
	nextReportOn: string | null;
	sectors: SectorTexts;
}

export interface MissingPart {
	/** The form field to mark. */
	field: string;
	/** The part, named for the reader. */
	label: string;
}

/**
 * Every part still missing before publishing, in the order of the form. Required: the period,
 * highlights, the overview, contacts and the next report's date, and at least one sector with
 * its needs, response and gaps. A sector that was started must be finished: a sitrep that says
 * what a sector needs but not what is being done about it misleads.
 */
export function missingParts(s: PublishableSitrep): MissingPart[] {
	const missing: MissingPart[] = [];
	const blank = (v: string | null | undefined) => !v || !v.trim();
	const need = (field: string, value: string | null, label: string) => {
		if (blank(value)) missing.push({ field, label });
	};
	need('periodFrom', s.periodFrom, m.sitrep_field_period_from());
	need('periodTo', s.periodTo, m.sitrep_field_period_to());
	need('highlights', s.highlights, m.sitrep_field_highlights());
	need('overview', s.overview, m.sitrep_field_overview());
	const started = SECTORS.filter((sector) =>
		SECTOR_PARTS.some((p) => !blank(s.sectors[sector]?.[p]))
	);
	if (!started.length) {
		missing.push({ field: sectorField('shelter_nfi', 'needs'), label: m.sitrep_missing_sector() });
	}
	for (const sector of started) {
		for (const part of SECTOR_PARTS) {
			need(
				sectorField(sector, part),
				s.sectors[sector]?.[part] ?? null,
				m.sitrep_missing_sector_part({ sector: sectorLabel[sector](), part: partLabel[part]() })
			);
		}
	}
	need('contacts', s.contacts, m.sitrep_field_contacts());
	need('nextReportOn', s.nextReportOn, m.sitrep_field_next_report());
	return missing;
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

/** A stored sitrep as the edit form's values. */
export function formValues(s: PublishableSitrep & { asOf: Date }): SitrepInput {
	return {
		asOf: toCambodiaTime(s.asOf),
		periodFrom: s.periodFrom ?? undefined,
		periodTo: s.periodTo ?? undefined,
		highlights: s.highlights ?? undefined,
		overview: s.overview ?? undefined,
		contacts: s.contacts ?? undefined,
		nextReportOn: s.nextReportOn ?? undefined,
		...sectorFields(s.sectors)
	};
}

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
