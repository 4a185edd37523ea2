CREATE TABLE `nfi_catalogue` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`name_en` text NOT NULL,
	`name_km` text NOT NULL,
	`unit` text NOT NULL,
	`standard_qty` real DEFAULT 0 NOT NULL,
	`standard_per` text DEFAULT 'household' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `nfi_catalogue_code_unique` ON `nfi_catalogue` (`code`);--> statement-breakpoint
CREATE TABLE `nfi_kit_components` (
	`kit_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`quantity` real NOT NULL,
	PRIMARY KEY(`kit_id`, `item_id`),
	FOREIGN KEY (`kit_id`) REFERENCES `nfi_catalogue`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `nfi_catalogue`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `shelter_activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`activity_type` text NOT NULL,
	`modality` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`implementing_partner_id` integer,
	`donor` text,
	`pcode` text,
	`site_id` integer,
	`province_pcode` text,
	`district_pcode` text,
	`start_date` text NOT NULL,
	`end_date` text,
	`status` text NOT NULL,
	`targeted_households` integer DEFAULT 0 NOT NULL,
	`targeted_f_0_5` integer DEFAULT 0 NOT NULL,
	`targeted_f_6_17` integer DEFAULT 0 NOT NULL,
	`targeted_f_18_59` integer DEFAULT 0 NOT NULL,
	`targeted_f_60` integer DEFAULT 0 NOT NULL,
	`targeted_m_0_5` integer DEFAULT 0 NOT NULL,
	`targeted_m_6_17` integer DEFAULT 0 NOT NULL,
	`targeted_m_18_59` integer DEFAULT 0 NOT NULL,
	`targeted_m_60` integer DEFAULT 0 NOT NULL,
	`targeted_disabled` integer DEFAULT 0 NOT NULL,
	`targeted_persons` integer DEFAULT 0 NOT NULL,
	`reached_households` integer DEFAULT 0 NOT NULL,
	`reached_f_0_5` integer DEFAULT 0 NOT NULL,
	`reached_f_6_17` integer DEFAULT 0 NOT NULL,
	`reached_f_18_59` integer DEFAULT 0 NOT NULL,
	`reached_f_60` integer DEFAULT 0 NOT NULL,
	`reached_m_0_5` integer DEFAULT 0 NOT NULL,
	`reached_m_6_17` integer DEFAULT 0 NOT NULL,
	`reached_m_18_59` integer DEFAULT 0 NOT NULL,
	`reached_m_60` integer DEFAULT 0 NOT NULL,
	`reached_disabled` integer DEFAULT 0 NOT NULL,
	`reached_persons` integer DEFAULT 0 NOT NULL,
	`review_state` text DEFAULT 'draft' NOT NULL,
	`review_comment` text,
	`reviewed_by` integer,
	`reviewed_at` integer,
	`note` text,
	`import_key` text,
	`import_hash` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`implementing_partner_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `shelter_sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shelter_activities_import_key_unique` ON `shelter_activities` (`import_key`);--> statement-breakpoint
CREATE INDEX `shelter_activities_matrix_idx` ON `shelter_activities` (`response_id`,`province_pcode`,`district_pcode`);--> statement-breakpoint
CREATE INDEX `shelter_activities_org_idx` ON `shelter_activities` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `shelter_activities_dates_idx` ON `shelter_activities` (`response_id`,`start_date`);--> statement-breakpoint
CREATE TABLE `shelter_activity_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`catalogue_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `shelter_activities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`catalogue_id`) REFERENCES `nfi_catalogue`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shelter_activity_items_activity_idx` ON `shelter_activity_items` (`activity_id`);--> statement-breakpoint
CREATE TABLE `shelter_population` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`as_of` integer NOT NULL,
	`households` integer DEFAULT 0 NOT NULL,
	`f_0_5` integer DEFAULT 0 NOT NULL,
	`f_6_17` integer DEFAULT 0 NOT NULL,
	`f_18_59` integer DEFAULT 0 NOT NULL,
	`f_60` integer DEFAULT 0 NOT NULL,
	`m_0_5` integer DEFAULT 0 NOT NULL,
	`m_6_17` integer DEFAULT 0 NOT NULL,
	`m_18_59` integer DEFAULT 0 NOT NULL,
	`m_60` integer DEFAULT 0 NOT NULL,
	`disabled` integer DEFAULT 0 NOT NULL,
	`persons` integer DEFAULT 0 NOT NULL,
	`organisation_id` integer NOT NULL,
	`reported_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `shelter_sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shelter_population_site_idx` ON `shelter_population` (`site_id`,`as_of`);--> statement-breakpoint
CREATE TABLE `shelter_sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`name_en` text NOT NULL,
	`name_km` text NOT NULL,
	`kind` text NOT NULL,
	`lon` real NOT NULL,
	`lat` real NOT NULL,
	`pcode` text,
	`province_pcode` text,
	`district_pcode` text,
	`capacity` integer NOT NULL,
	`covered_area_m_2` real NOT NULL,
	`managing_organisation_id` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`opened_on` text NOT NULL,
	`closed_on` text,
	`water_points` integer DEFAULT 0 NOT NULL,
	`latrines` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`managing_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shelter_sites_response_idx` ON `shelter_sites` (`response_id`,`province_pcode`,`district_pcode`);--> statement-breakpoint
CREATE INDEX `shelter_sites_org_idx` ON `shelter_sites` (`managing_organisation_id`);