CREATE TABLE `assessment_duplicates` (
	`assessment_seq` integer NOT NULL,
	`other_seq` integer NOT NULL,
	`reason` text NOT NULL,
	`distance_m` real NOT NULL,
	PRIMARY KEY(`assessment_seq`, `other_seq`),
	FOREIGN KEY (`assessment_seq`) REFERENCES `assessments`(`seq`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`other_seq`) REFERENCES `assessments`(`seq`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessment_duplicates_other_idx` ON `assessment_duplicates` (`other_seq`);--> statement-breakpoint
CREATE TABLE `assessment_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_seq` integer NOT NULL,
	`decision` text NOT NULL,
	`reviewed_by` integer NOT NULL,
	`reviewed_at` integer NOT NULL,
	FOREIGN KEY (`assessment_seq`) REFERENCES `assessments`(`seq`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessment_reviews_seq_idx` ON `assessment_reviews` (`assessment_seq`);--> statement-breakpoint
CREATE TABLE `assessments` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`response_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`submitted_by` integer NOT NULL,
	`content_hash` text NOT NULL,
	`observed_on` text NOT NULL,
	`lon` real NOT NULL,
	`lat` real NOT NULL,
	`accuracy_m` real,
	`location_source` text NOT NULL,
	`pcode` text,
	`pcode_source` text NOT NULL,
	`province_pcode` text,
	`district_pcode` text,
	`village_name` text,
	`affected_households` integer DEFAULT 0 NOT NULL,
	`affected_f_0_5` integer DEFAULT 0 NOT NULL,
	`affected_f_6_17` integer DEFAULT 0 NOT NULL,
	`affected_f_18_59` integer DEFAULT 0 NOT NULL,
	`affected_f_60` integer DEFAULT 0 NOT NULL,
	`affected_m_0_5` integer DEFAULT 0 NOT NULL,
	`affected_m_6_17` integer DEFAULT 0 NOT NULL,
	`affected_m_18_59` integer DEFAULT 0 NOT NULL,
	`affected_m_60` integer DEFAULT 0 NOT NULL,
	`affected_disabled` integer DEFAULT 0 NOT NULL,
	`affected_persons` integer DEFAULT 0 NOT NULL,
	`displaced_households` integer DEFAULT 0 NOT NULL,
	`displaced_persons` integer DEFAULT 0 NOT NULL,
	`displaced_hh_sites` integer DEFAULT 0 NOT NULL,
	`displaced_hh_host` integer DEFAULT 0 NOT NULL,
	`displaced_hh_roadside` integer DEFAULT 0 NOT NULL,
	`deaths` integer DEFAULT 0 NOT NULL,
	`injured` integer DEFAULT 0 NOT NULL,
	`missing` integer DEFAULT 0 NOT NULL,
	`houses` integer DEFAULT 0 NOT NULL,
	`houses_flooded` integer DEFAULT 0 NOT NULL,
	`houses_damaged` integer DEFAULT 0 NOT NULL,
	`houses_destroyed` integer DEFAULT 0 NOT NULL,
	`access` text NOT NULL,
	`water_state` text NOT NULL,
	`sanitation_state` text NOT NULL,
	`needs` text NOT NULL,
	`qty_tarpaulins` integer DEFAULT 0 NOT NULL,
	`qty_tents` integer DEFAULT 0 NOT NULL,
	`qty_shelter_kits` integer DEFAULT 0 NOT NULL,
	`qty_family_kits` integer DEFAULT 0 NOT NULL,
	`qty_hygiene_kits` integer DEFAULT 0 NOT NULL,
	`qty_kitchen_sets` integer DEFAULT 0 NOT NULL,
	`qty_mosquito_nets` integer DEFAULT 0 NOT NULL,
	`qty_blankets` integer DEFAULT 0 NOT NULL,
	`qty_sleeping_mats` integer DEFAULT 0 NOT NULL,
	`qty_jerry_cans` integer DEFAULT 0 NOT NULL,
	`qty_water_filters` integer DEFAULT 0 NOT NULL,
	`notes` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_id_unique` ON `assessments` (`id`);--> statement-breakpoint
CREATE INDEX `assessments_response_day_idx` ON `assessments` (`response_id`,`observed_on`);--> statement-breakpoint
CREATE INDEX `assessments_response_area_idx` ON `assessments` (`response_id`,`province_pcode`,`district_pcode`);--> statement-breakpoint
CREATE INDEX `assessments_organisation_idx` ON `assessments` (`organisation_id`);