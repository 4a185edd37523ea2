/**
 * The tables the services use, of the engine this process serves (`ENGINE`, chosen at start
 * from `DATABASE_URL`): SQLite's (`./sqlite`) or PostgreSQL's (`./pg`), which describe the same
 * tables, columns, keys and indexes (`pg/schema.test.ts`). Both are typed as SQLite's, so the
 * services are written once; Drizzle builds each query in the dialect of the database it runs on
 * and reads every column with its own engine's mapping (dates, booleans, JSON).
 */
import { ENGINE } from '../engine';
import * as pg from './pg';
import * as sqlite from './sqlite';

export type * from './sqlite';
export { IMPORT_STATES } from './sqlite';

const tables = (ENGINE === 'postgres' ? pg : sqlite) as unknown as typeof sqlite;

export const {
	assessments,
	assessmentDuplicates,
	assessmentReviews,
	auditLog,
	organisations,
	users,
	sessions,
	passwordTokens,
	apiTokens,
	signInThrottle,
	knownDevices,
	adminAreas,
	locations,
	responses,
	responseProvinces,
	arrivalTallies,
	tallyDestinations,
	arrivalDayDestinations,
	manifests,
	manifestPassengers,
	returnSecrets,
	shelterActivitySums,
	shelterItemSums,
	shelterProvinceSums,
	shelterProvinceItemSums,
	shelterDaySums,
	shelterProvinceDayItemSums,
	shelterSites,
	shelterPopulation,
	shelterPopulationRetractions,
	nfiCatalogue,
	nfiKitComponents,
	shelterActivities,
	shelterActivityItems,
	shelterImports,
	shelterImportChunks,
	shelterImportRows,
	sitreps,
	sitrepShares
} = tables;
