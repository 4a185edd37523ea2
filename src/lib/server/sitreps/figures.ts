/**
 * The contract for a situation report's key figures: each area provides a function that computes
 * its figures for a response as they stood at the report's "as of" time. A published sitrep
 * stores the figures it got, so later data never changes it.
 */
import type { Db } from '$lib/server/db';

export interface KeyFigure {
	/** Stable key within the report, e.g. `returns.arrivals.total`, `returns.arrivals.KH01-poipet`. */
	key: string;
	/** The heading it is shown under, e.g. `returns`, `shelter`, `assessments`. */
	section: string;
	labelEn: string;
	labelKm: string;
	value: number;
	/** Where it came from: the dataset and filters that give its rows (traceability). */
	source: { dataset: string; filters: Record<string, string> };
}

/** Computes an area's figures for a response, counting only records at or before `asOf`. */
export type FigureProvider = (db: Db, responseId: number, asOf: Date) => KeyFigure[];
