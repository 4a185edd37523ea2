/** Every exportable list, by the name in `/api/v1/export/{name}.{format}`. */
import { assessmentsDataset } from '$lib/server/assessments/exports';
import { auditDataset } from '$lib/server/audit/exports';
import { returnsDatasets } from '$lib/server/returns/exports';
import { activitiesDataset, populationDataset, sitesDataset } from '$lib/server/shelter/exports';
import { gapsDataset, gapsNfiDataset } from '$lib/server/shelter/gaps-exports';
import type { Dataset } from './dataset';

/** A dataset with its row and filter types forgotten, so different ones share one list. */
export type AnyDataset = Dataset<unknown, { responseId?: number }>;

/**
 * Sound because a registered dataset's rows only ever meet its own columns and its parsed
 * filters only its own `rows`; that is all the export service does with them.
 */
export const registered = <Row, Filters extends { responseId?: number }>(
	d: Dataset<Row, Filters>
): AnyDataset => d as unknown as AnyDataset;

const [arrivals, manifests, passengers] = returnsDatasets;

/** Each area adds its dataset here (and its columns to the README's HXL table). */
export const DATASETS: AnyDataset[] = [
	registered(arrivals),
	registered(manifests),
	registered(passengers),
	registered(sitesDataset),
	registered(populationDataset),
	registered(activitiesDataset),
	registered(gapsDataset),
	registered(gapsNfiDataset),
	registered(assessmentsDataset),
	registered(auditDataset)
];

export function findDataset(name: string): AnyDataset | undefined {
	return DATASETS.find((d) => d.name === name);
}
