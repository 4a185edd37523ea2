import {
	type AnyPgColumn,
	bigint,
	boolean,
	doublePrecision,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
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
import { IMPORT_STATES } from '../shelter';
import {
	bytea,
	clientIdColumns,
	createdAt,
	moment,
	peopleCountColumns,
	updatedAt
} from './columns';
import { organisations, users } from './auth';
import { responses } from './responses';

const n = () => integer().notNull().default(0);

export const shelterSites = pgTable(
	'shelter_sites',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		responseId: integer()
			.notNull()
			.references(() => responses.id),
		nameEn: text().notNull(),
		nameKm: text().notNull(),
		kind: text({ enum: SITE_KINDS }).notNull(),
		lon: doublePrecision().notNull(),
		lat: doublePrecision().notNull(),
		pcode: text(),
		provincePcode: text(),
		districtPcode: text(),
		capacity: integer().notNull(),
		coveredAreaM2: doublePrecision().notNull(),
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

export const shelterPopulation = pgTable(
	'shelter_population',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		...clientIdColumns(),
		siteId: integer()
			.notNull()
			.references(() => shelterSites.id),
		asOf: moment().notNull(),
		households: n(),
		...peopleCountColumns(),
		persons: n(),
		organisationId: integer()
			.notNull()
			.references(() => organisations.id),
		reportedBy: integer()
			.notNull()
			.references(() => users.id),
		replacesId: integer().references((): AnyPgColumn => shelterPopulation.id),
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

export const shelterPopulationRetractions = pgTable('shelter_population_retractions', {
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

export const nfiCatalogue = pgTable(
	'nfi_catalogue',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		kind: text({ enum: CATALOGUE_KINDS }).notNull(),
		code: text().notNull(),
		nameEn: text().notNull(),
		nameKm: text().notNull(),
		unit: text().notNull(),
		standardQty: doublePrecision().notNull().default(0),
		standardPer: text({ enum: STANDARD_PER }).notNull().default('household'),
		active: boolean().notNull().default(true),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [uniqueIndex('nfi_catalogue_code_unique').on(t.code)]
);
export type NfiEntry = typeof nfiCatalogue.$inferSelect;

export const nfiKitComponents = pgTable(
	'nfi_kit_components',
	{
		kitId: integer()
			.notNull()
			.references(() => nfiCatalogue.id, { onDelete: 'cascade' }),
		itemId: integer()
			.notNull()
			.references(() => nfiCatalogue.id),
		quantity: doublePrecision().notNull()
	},
	(t) => [primaryKey({ columns: [t.kitId, t.itemId] })]
);

export const shelterActivities = pgTable(
	'shelter_activities',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		responseId: integer()
			.notNull()
			.references(() => responses.id),
		activityType: text({ enum: ACTIVITY_TYPES }).notNull(),
		modality: text({ enum: MODALITIES }).notNull(),
		organisationId: integer()
			.notNull()
			.references(() => organisations.id),
		implementingPartnerId: integer().references(() => organisations.id),
		donor: text(),
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
		reviewedAt: moment(),
		note: text(),
		importKey: text(),
		importHash: text(),
		pendingImportId: text(),
		createdBy: integer().references(() => users.id),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => {
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
			index('shelter_activities_org_idx').on(
				t.organisationId,
				t.responseId,
				t.startDate,
				t.activityType
			),
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

export const shelterActivityItems = pgTable(
	'shelter_activity_items',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		activityId: integer()
			.notNull()
			.references(() => shelterActivities.id, { onDelete: 'cascade' }),
		catalogueId: integer()
			.notNull()
			.references(() => nfiCatalogue.id),
		quantity: integer().notNull()
	},
	(t) => [index('shelter_activity_items_activity_idx').on(t.activityId, t.catalogueId, t.quantity)]
);
export type ShelterActivityItem = typeof shelterActivityItems.$inferSelect;

export const shelterImports = pgTable(
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
		cancelRequested: boolean().notNull().default(false),
		rowsChecked: integer().notNull().default(0),
		rowsSaved: integer().notNull().default(0),
		created: integer().notNull().default(0),
		updated: integer().notNull().default(0),
		unchanged: integer().notNull().default(0),
		problemCount: integer().notNull().default(0),
		problems: text().notNull().default('[]'),
		columns: text().notNull().default('[]'),
		error: text(),
		heartbeatAt: moment().notNull(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('shelter_imports_response_idx').on(t.responseId, t.userId)]
);
export type ShelterImport = typeof shelterImports.$inferSelect;

export const shelterImportChunks = pgTable(
	'shelter_import_chunks',
	{
		importId: text()
			.notNull()
			.references(() => shelterImports.id, { onDelete: 'cascade' }),
		seq: integer().notNull(),
		data: bytea().notNull()
	},
	(t) => [primaryKey({ columns: [t.importId, t.seq] })]
);

export const shelterImportRows = pgTable(
	'shelter_import_rows',
	{
		importId: text()
			.notNull()
			.references(() => shelterImports.id, { onDelete: 'cascade' }),
		row: integer().notNull(),
		action: text({ enum: ['create', 'update', 'unchanged'] }).notNull(),
		targetId: integer(),
		matchedBy: text(),
		// Milliseconds since the epoch: past PostgreSQL's 32-bit integer.
		seenUpdatedAt: bigint({ mode: 'number' }),
		importKey: text(),
		importHash: text().notNull(),
		changed: text(),
		payload: text().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.importId, t.row] }),
		index('shelter_import_rows_action_idx').on(t.importId, t.action)
	]
);
