/**
 * Every area's key-figure provider, in the order a sitrep shows their sections. Areas append
 * theirs here (returns, shelter…); each one only counts records at or before the "as of" time.
 */
import type { Db } from '$lib/server/db';
import { assessmentsFigures } from '$lib/server/assessments/figures';
import { returnsFigures } from '$lib/server/returns/figures';
import { shelterFigures } from '$lib/server/shelter/figures';
import type { FigureProvider, KeyFigure } from './figures';

export const FIGURE_PROVIDERS: FigureProvider[] = [
	returnsFigures,
	shelterFigures,
	assessmentsFigures
];

export function computeFigures(db: Db, responseId: number, asOf: Date): KeyFigure[] {
	return FIGURE_PROVIDERS.flatMap((provide) => provide(db, responseId, asOf));
}
