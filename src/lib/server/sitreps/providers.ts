/**
 * Every area's key-figure provider, in the order a sitrep shows their sections. Each reads its
 * figures through its area's services and gives none for a response without such records; a
 * report has the sections of the areas its response uses only.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { responses } from '$lib/server/db/schema';
import { first } from '$lib/server/db/transaction';
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

export async function computeFigures(db: Db, responseId: number, asOf: Date): Promise<KeyFigure[]> {
	const uses = await first(
		db.select({ areas: responses.areas }).from(responses).where(eq(responses.id, responseId))
	);
	const figures: KeyFigure[] = [];
	// One after another: inside `publishSitrep`'s transaction the reads share its connection.
	for (const p of FIGURE_PROVIDERS) {
		if (uses?.areas.includes(p.area)) figures.push(...(await p.compute(db, responseId, asOf)));
	}
	return figures;
}
