/**
 * The assessments' key figures for a situation report: people affected and displaced, in total
 * and by province, from the assessments observed on or before the report's day (in Cambodia).
 * They are the coordinators' totals with the same filters as the assessments list linked as
 * their source, so following the link shows the rows behind each figure.
 */
import { m } from '$lib/paraglide/messages.js';
import { todayInCambodia } from '$lib/domain/dates';
import type { Db } from '$lib/server/db';
import type { FigureProvider, KeyFigure } from '$lib/server/sitreps/figures';
import { totalsByArea } from './queries';

const SECTION = 'assessments';

export const assessmentsFigures: FigureProvider = (db: Db, responseId: number, asOf: Date) => {
	const to = todayInCambodia(asOf);
	const rows = totalsByArea(db, { responseId, to }, 'province');
	const source = (area?: string) => ({
		dataset: 'assessments',
		filters: { responseId: String(responseId), to, ...(area ? { area } : {}) }
	});
	const total = (k: 'affectedPersons' | 'displacedPersons') =>
		rows.reduce((sum, r) => sum + r[k], 0);
	const figures: KeyFigure[] = [
		{
			key: 'assessments.affected.total',
			section: SECTION,
			labelEn: m.sitrep_fig_affected_total({}, { locale: 'en' }),
			labelKm: m.sitrep_fig_affected_total({}, { locale: 'km' }),
			value: total('affectedPersons'),
			source: source()
		},
		{
			key: 'assessments.displaced.total',
			section: SECTION,
			labelEn: m.sitrep_fig_displaced_total({}, { locale: 'en' }),
			labelKm: m.sitrep_fig_displaced_total({}, { locale: 'km' }),
			value: total('displacedPersons'),
			source: source()
		}
	];
	for (const r of rows) {
		if (!r.pcode) continue;
		const en = r.nameEn ?? r.pcode;
		const km = r.nameKm ?? en;
		figures.push(
			{
				key: `assessments.affected.${r.pcode}`,
				section: SECTION,
				labelEn: m.sitrep_fig_affected_in({ province: en }, { locale: 'en' }),
				labelKm: m.sitrep_fig_affected_in({ province: km }, { locale: 'km' }),
				value: r.affectedPersons,
				source: source(r.pcode)
			},
			{
				key: `assessments.displaced.${r.pcode}`,
				section: SECTION,
				labelEn: m.sitrep_fig_displaced_in({ province: en }, { locale: 'en' }),
				labelKm: m.sitrep_fig_displaced_in({ province: km }, { locale: 'km' }),
				value: r.displacedPersons,
				source: source(r.pcode)
			}
		);
	}
	return figures;
};
