/**
 * The assessments' sitrep figures: people affected and displaced and houses damaged, in total
 * and by province, from the assessments observed on or before the report's day (in Cambodia),
 * as the coordinators' totals count them (those reviewed as duplicates left out). Their source
 * is the assessments list with the same filters, so the link shows the rows behind each figure.
 */
import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { todayInCambodia } from '$lib/domain/dates';
import type { Db } from '$lib/server/db';
import { first } from '$lib/server/db/transaction';
import { assessments } from '$lib/server/db/schema';
import {
	bilingual,
	cell,
	headline,
	label,
	tableLabel,
	type FigureProvider
} from '$lib/server/sitreps/figures';
import type { KeyFigure } from '$lib/domain/figures';
import { totalsByArea } from './queries';

const SECTION = 'assessments';
const PROVINCE_TABLE = 'assessments.by-province';

const MEASURES = {
	affected: ['affectedPersons', m.sitrep_fig_affected_total, m.sitrep_column_affected],
	displaced: ['displacedPersons', m.sitrep_fig_displaced_total, m.sitrep_column_displaced],
	'houses-damaged': ['housesDamaged', m.sitrep_fig_houses_damaged, m.sitrep_column_houses_damaged]
} as const;

async function compute(db: Db, responseId: number, asOf: Date): Promise<KeyFigure[]> {
	const held = await first(
		db
			.select({ seq: assessments.seq })
			.from(assessments)
			.where(eq(assessments.responseId, responseId))
	);
	// A response without assessments (a mass return, say) gets no assessments section at all.
	if (!held) return [];
	const to = todayInCambodia(asOf);
	const rows = await totalsByArea(db, { responseId, to }, 'province');
	const source = (area?: string) => ({
		dataset: 'assessments',
		filters: { responseId: String(responseId), to, ...(area ? { area } : {}) }
	});
	const figures: KeyFigure[] = Object.entries(MEASURES).map(([key, [field, message]]) =>
		headline(
			SECTION,
			`assessments.${key}`,
			bilingual(message),
			rows.reduce((sum, r) => sum + r[field], 0),
			source()
		)
	);
	const table = tableLabel(
		PROVINCE_TABLE,
		bilingual(m.sitrep_table_by_province),
		bilingual(m.sitrep_rows_province)
	);
	for (const r of rows) {
		if (!r.pcode) continue;
		const row = label(r.pcode, { en: r.nameEn ?? r.pcode, km: r.nameKm ?? r.nameEn ?? r.pcode });
		for (const [key, [field, , columnMessage]] of Object.entries(MEASURES)) {
			const column = label(key, bilingual(columnMessage));
			figures.push(cell(SECTION, table, row, column, r[field], source(r.pcode)));
		}
	}
	return figures;
}

export const assessmentsFigures: FigureProvider = {
	area: 'assessments',
	section: SECTION,
	measures: [
		...Object.keys(MEASURES).map((k) => `assessments.${k}`),
		...Object.keys(MEASURES).map((k) => `${PROVINCE_TABLE}:${k}`)
	],
	compute
};
