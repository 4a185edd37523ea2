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
import {
	SECTORS,
	SECTOR_PARTS,
	type SectorTexts,
	type SectorField,
	sectorField,
	sectorLabel,
	partLabel
} from './plain/sitreps';

export * from './plain/sitreps';

export { fromCambodiaTime, toCambodiaTime };

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
