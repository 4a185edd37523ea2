import { inArray, isNull, or, sql } from 'drizzle-orm';
import { shelterActivities as a, shelterImports } from '$lib/server/db/schema';

/**
 * Rows an import is still writing stay out of sight until it is published (one short
 * transaction), so nobody sees half an import; a published import's rows are cleared of the
 * mark in the background.
 */
export const notPending = or(
	isNull(a.pendingImportId),
	inArray(
		a.pendingImportId,
		sql`(select ${shelterImports.id} from ${shelterImports} where ${shelterImports.state} = 'published')`
	)
);
