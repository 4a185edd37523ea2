import {
	blob,
	index,
	integer,
	type AnySQLiteColumn,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import {
	ACTIVITY_STATUSES,
	ACTIVITY_TYPES,
	CATALOGUE_KINDS,
	MODALITIES,
	REVIEW_STATES,
	SITE_KINDS,
	SITE_STATUSES,
	STANDARD_PER
} from '$lib/domain/shelter';
import { clientIdColumns, createdAt, peopleCountColumns, updatedAt } from '../columns';
import { organisations, users } from './auth';
import { responses } from './responses';

const n = () => integer().notNull().default(0);

/** Evacuation, collective and transit centres and host-community sites of a response. */
export const shelterSites = sqliteTable(
	'shelter_sites',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		responseId: integer()
			.notNull()
			.references(() => responses.id),
		nameEn: text().notNull(),
		nameKm: text().notNull(),
		kind: text({ enum: SITE_KINDS }).notNull(),
		lon: real().notNull(),
		lat: real().notNull(),
		/** Found from the point unless someone typed another. */
		pcode: text(),
		provincePcode: text(),
		districtPcode: text(),
		capacity: integer().notNull(),
		coveredAreaM2: real().notNull(),
		managingOrganisationId: integer()
			.notNull()
			.references(() => organisations.id),
		status: text({ enum: SITE_STATUSES }).notNull().default('open'),
		openedOn: text().notNull(),
		closedOn: text(),
		waterPoints: n(),
		latrines: n(),
		createdBy: integer().references(() => users.id),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('shelter_sites_response_idx').on(t.responseId, t.provincePcode, t.districtPcode),
		index('shelter_sites_org_idx').on(t.managingOrganisationId)
	]
);
export type ShelterSite = typeof shelterSites.$inferSelect;

/**
 * Who was in a site at a time. Append-only: a wrong count is corrected by a new row that names
 * it (`replacesId`, with a reason) or retracted (`shelterPopulationRetractions`), never edited.
 * The latest count in force (neither retracted nor replaced) is the site's population.
 */
export const shelterPopulation = sqliteTable(
	'shelter_population',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		...clientIdColumns(),
		siteId: integer()
			.notNull()
			.references(() => shelterSites.id),
		asOf: integer({ mode: 'timestamp_ms' }).notNull(),
		households: n(),
		...peopleCountColumns(),
		/** The sum of the sex and age cells, kept for totals. */
		persons: n(),
		organisationId: integer()
			.notNull()
			.references(() => organisations.id),
		reportedBy: integer()
			.notNull()
			.references(() => users.id),
		/** The earlier count this one corrects: that one no longer counts while this one does. */
		replacesId: integer().references((): AnySQLiteColumn => shelterPopulation.id),
		/** Why the earlier count was wrong (required with `replacesId`). */
		correctionReason: text(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('shelter_population_client_id_unique').on(t.clientId),
		index('shelter_population_site_idx').on(t.siteId, t.asOf),
		index('shelter_population_replaces_idx').on(t.replacesId)
	]
);
export type ShelterPopulationRow = typeof shelterPopulation.$inferSelect;

/** A count withdrawn as wrong, with the reason; the count itself stays in the history. */
export const shelterPopulationRetractions = sqliteTable('shelter_population_retractions', {
	populationId: integer()
		.primaryKey()
		.references(() => shelterPopulation.id),
	reason: text().notNull(),
	organisationId: integer()
		.notNull()
		.references(() => organisations.id),
	retractedBy: integer()
		.notNull()
		.references(() => users.id),
	createdAt: createdAt()
});

/**
 * The NFI catalogue, global to every response: items and kits in one table, so an activity's
 * line points at either; a kit's bill of materials is in `nfiKitComponents`.
 */
export const nfiCatalogue = sqliteTable(
	'nfi_catalogue',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		kind: text({ enum: CATALOGUE_KINDS }).notNull(),
		code: text().notNull(),
		nameEn: text().notNull(),
		nameKm: text().notNull(),
		unit: text().notNull(),
		/** The sector's standard: how many per household or per person (0: no standard). */
		standardQty: real().notNull().default(0),
		standardPer: text({ enum: STANDARD_PER }).notNull().default('household'),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [uniqueIndex('nfi_catalogue_code_unique').on(t.code)]
);
export type NfiEntry = typeof nfiCatalogue.$inferSelect;

export const nfiKitComponents = sqliteTable(
	'nfi_kit_components',
	{
		kitId: integer()
			.notNull()
			.references(() => nfiCatalogue.id, { onDelete: 'cascade' }),
		itemId: integer()
			.notNull()
			.references(() => nfiCatalogue.id),
		quantity: real().notNull()
	},
	(t) => [primaryKey({ columns: [t.kitId, t.itemId] })]
);

/** Every Shelter Sector 4W row; a distribution is an activity with item lines. */
export const shelterActivities = sqliteTable(
	'shelter_activities',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		responseId: integer()
			.notNull()
			.references(() => responses.id),
		activityType: text({ enum: ACTIVITY_TYPES }).notNull(),
		modality: text({ enum: MODALITIES }).notNull(),
		/** The reporting organisation: whose row this is. */
		organisationId: integer()
			.notNull()
			.references(() => organisations.id),
		implementingPartnerId: integer().references(() => organisations.id),
		donor: text(),
		/** Where: an admin area (province, district or commune), or a site (its P-code is copied). */
		pcode: text(),
		siteId: integer().references(() => shelterSites.id),
		provincePcode: text(),
		districtPcode: text(),
		startDate: text().notNull(),
		endDate: text(),
		status: text({ enum: ACTIVITY_STATUSES }).notNull(),
		targetedHouseholds: n(),
		...peopleCountColumns('targeted_'),
		targetedPersons: n(),
		reachedHouseholds: n(),
		...peopleCountColumns('reached_'),
		reachedPersons: n(),
		reviewState: text({ enum: REVIEW_STATES }).notNull().default('draft'),
		reviewComment: text(),
		reviewedBy: integer().references(() => users.id),
		reviewedAt: integer({ mode: 'timestamp_ms' }),
		note: text(),
		/** A stable key from an imported spreadsheet row: importing it again updates, not adds. */
		importKey: text(),
		/** SHA-256 of the imported row's content: a re-import of the same row changes nothing. */
		importHash: text(),
		/**
		 * Set while an import is writing the row: hidden from every list until that import is
		 * published (see `visibleTo`), so a stopped import shows nothing half-written.
		 */
		pendingImportId: text(),
		createdBy: integer().references(() => users.id),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => {
		// The matrix's totals, its map, Gaps and the sitrep sum every row under the filters: two
		// covering indexes (by start date, and by review state then start date) hold every column
		// those filters and sums read, so SQLite never reads the wide rows themselves.
		const aggregated = [
			t.provincePcode,
			t.districtPcode,
			t.organisationId,
			t.implementingPartnerId,
			t.activityType,
			t.status,
			t.pcode,
			t.endDate,
			t.pendingImportId,
			t.targetedHouseholds,
			t.reachedHouseholds,
			t.targetedPersons,
			t.reachedPersons,
			t.reached_f_0_5,
			t.reached_f_6_17,
			t.reached_f_18_59,
			t.reached_f_60,
			t.reached_disabled
		] as const;
		return [
			uniqueIndex('shelter_activities_import_key_unique').on(t.importKey),
			index('shelter_activities_pending_idx').on(t.pendingImportId),
			index('shelter_activities_org_idx').on(t.organisationId),
			index('shelter_activities_dates_idx').on(
				t.responseId,
				t.startDate,
				t.reviewState,
				...aggregated
			),
			index('shelter_activities_review_idx').on(
				t.responseId,
				t.reviewState,
				t.startDate,
				...aggregated
			)
		];
	}
);
export type ShelterActivity = typeof shelterActivities.$inferSelect;

export const shelterActivityItems = sqliteTable(
	'shelter_activity_items',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		activityId: integer()
			.notNull()
			.references(() => shelterActivities.id, { onDelete: 'cascade' }),
		/** An item or a kit of the catalogue. */
		catalogueId: integer()
			.notNull()
			.references(() => nfiCatalogue.id),
		quantity: integer().notNull()
	},
	// Covering: Gaps sums the lines of every activity it counts.
	(t) => [index('shelter_activity_items_activity_idx').on(t.activityId, t.catalogueId, t.quantity)]
);
export type ShelterActivityItem = typeof shelterActivityItems.$inferSelect;

export const IMPORT_STATES = [
	'uploading',
	'checking',
	'checked',
	'committing',
	'published',
	'done',
	'failed',
	'cancelled'
] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/**
 * A 4W spreadsheet import, from upload to the last row saved. Its state and counters are what
 * the page polls; they live here, not in the process, so any server can answer and a stopped
 * server's import is found and cleaned up.
 */
export const shelterImports = sqliteTable(
	'shelter_imports',
	{
		id: text().primaryKey(),
		responseId: integer()
			.notNull()
			.references(() => responses.id),
		userId: integer()
			.notNull()
			.references(() => users.id),
		fileName: text().notNull(),
		format: text({ enum: ['xlsx', 'csv'] }).notNull(),
		size: integer().notNull(),
		received: integer().notNull().default(0),
		state: text({ enum: IMPORT_STATES }).notNull().default('uploading'),
		cancelRequested: integer({ mode: 'boolean' }).notNull().default(false),
		rowsChecked: integer().notNull().default(0),
		rowsSaved: integer().notNull().default(0),
		created: integer().notNull().default(0),
		updated: integer().notNull().default(0),
		unchanged: integer().notNull().default(0),
		problemCount: integer().notNull().default(0),
		/** The first problems, sorted by row and column (JSON). */
		problems: text().notNull().default('[]'),
		/** How each column was read, and the ones not imported (JSON). */
		columns: text().notNull().default('[]'),
		/** Why it failed when that is not a list of problems. */
		error: text(),
		/** Touched while it runs: an import not touched for a while was stopped with its server. */
		heartbeatAt: integer({ mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('shelter_imports_response_idx').on(t.responseId, t.userId)]
);
export type ShelterImport = typeof shelterImports.$inferSelect;

/** The uploaded file, in the pieces the browser sent (each under the request size limit). */
export const shelterImportChunks = sqliteTable(
	'shelter_import_chunks',
	{
		importId: text()
			.notNull()
			.references(() => shelterImports.id, { onDelete: 'cascade' }),
		seq: integer().notNull(),
		data: blob({ mode: 'buffer' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.importId, t.seq] })]
);

/** Checked rows waiting for the commit: the plan lives here, not in memory. */
export const shelterImportRows = sqliteTable(
	'shelter_import_rows',
	{
		importId: text()
			.notNull()
			.references(() => shelterImports.id, { onDelete: 'cascade' }),
		/** The row's number in the sheet. */
		row: integer().notNull(),
		action: text({ enum: ['create', 'update', 'unchanged'] }).notNull(),
		/** The existing row it updates; for a create, the row written once moved. */
		targetId: integer(),
		/** Which key found the existing row: activity_id, row_id or natural. */
		matchedBy: text(),
		/** The existing row's last change when checked: a later change refuses the commit. */
		seenUpdatedAt: integer(),
		importKey: text(),
		importHash: text().notNull(),
		/** The fields that change (JSON list), for the preview. */
		changed: text(),
		/** The row's columns and item lines as they will be written (JSON). */
		payload: text().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.importId, t.row] }),
		index('shelter_import_rows_action_idx').on(t.importId, t.action)
	]
);
