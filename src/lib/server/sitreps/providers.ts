/**
 * Every area's key-figure provider, in the order a sitrep shows their sections. Each reads its
 * figures through its area's services and gives none for a response without such records, so a
 * report shows the figures of what its response holds.
 */
import type { Db } from '$lib/server/db';
import { assessmentsFigures } from '$lib/server/assessments/figures';
import { returnsFigures } from '$lib/server/returns/figures';
import { shelterFigures } from '$lib/server/shelter/figures';
import type { KeyFigure } from '$lib/domain/figures';
import type { FigureProvider } from './figures';

export const FIGURE_PROVIDERS: FigureProvider[] = [
	returnsFigures,
	shelterFigures,
	assessmentsFigures
];

export function computeFigures(db: Db, responseId: number, asOf: Date): KeyFigure[] {
	return FIGURE_PROVIDERS.flatMap((p) => p.compute(db, responseId, asOf));
}
