import { boolean, doublePrecision, index, integer, json, pgTable, text } from 'drizzle-orm/pg-core';
import { LOCATION_KINDS } from '$lib/domain/places';
import { createdAt, updatedAt } from './columns';

export const adminAreas = pgTable(
	'admin_areas',
	{
		pcode: text().primaryKey(),
		level: integer().notNull(),
		parentPcode: text(),
		nameEn: text().notNull(),
		nameKm: text().notNull(),
		geometry: text(),
		bbox: json().$type<[number, number, number, number]>(),
		geometrySource: text(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('admin_areas_level_idx').on(t.level),
		index('admin_areas_parent_idx').on(t.parentPcode),
		// What every page with a map asks (the boundaries' version, the levels with shapes), read
		// from these, not the rows: on SQLite a row holds its shape before these columns, and
		// reading them read every shape (its overflow pages), however large the boundaries.
		index('admin_areas_sources_idx').on(t.level, t.geometrySource),
		index('admin_areas_updated_idx').on(t.updatedAt)
	]
);
export type AdminArea = typeof adminAreas.$inferSelect;

export const locations = pgTable(
	'locations',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		kind: text({ enum: LOCATION_KINDS }).notNull(),
		nameEn: text().notNull(),
		nameKm: text().notNull(),
		pcode: text(),
		lon: doublePrecision().notNull(),
		lat: doublePrecision().notNull(),
		active: boolean().notNull().default(true),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('locations_kind_idx').on(t.kind)]
);
export type Location = typeof locations.$inferSelect;
