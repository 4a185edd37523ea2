import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { LOCATION_KINDS } from '$lib/domain/places';
import { createdAt, updatedAt } from '../columns';

/**
 * Administrative areas by OCHA P-code: provinces (level 1), districts (2), communes (3). The
 * geometry is simplified GeoJSON, absent until boundaries are imported (or embedded for level 1).
 */
export const adminAreas = sqliteTable(
	'admin_areas',
	{
		pcode: text().primaryKey(),
		level: integer().notNull(),
		parentPcode: text(),
		nameEn: text().notNull(),
		nameKm: text().notNull(),
		/** GeoJSON Polygon or MultiPolygon geometry, as text. */
		geometry: text(),
		/** Bounding box [west, south, east, north], for a quick reject before point-in-polygon. */
		bbox: text({ mode: 'json' }).$type<[number, number, number, number]>(),
		/** Where the geometry came from: `natural-earth` (approximate) or the imported file's name. */
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

/** Named places with coordinates: border crossings, transit centres, warehouses, clinics. */
export const locations = sqliteTable(
	'locations',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		kind: text({ enum: LOCATION_KINDS }).notNull(),
		nameEn: text().notNull(),
		nameKm: text().notNull(),
		pcode: text(),
		lon: real().notNull(),
		lat: real().notNull(),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('locations_kind_idx').on(t.kind)]
);
export type Location = typeof locations.$inferSelect;
