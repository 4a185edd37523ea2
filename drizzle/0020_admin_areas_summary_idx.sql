CREATE INDEX `admin_areas_sources_idx` ON `admin_areas` (`level`,`geometry_source`);--> statement-breakpoint
CREATE INDEX `admin_areas_updated_idx` ON `admin_areas` (`updated_at`);