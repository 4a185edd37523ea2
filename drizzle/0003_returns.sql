CREATE TABLE `arrival_day_destinations` (
	`response_id` integer NOT NULL,
	`province_pcode` text NOT NULL,
	`arrived_on` text NOT NULL,
	`persons` integer NOT NULL,
	PRIMARY KEY(`response_id`, `province_pcode`, `arrived_on`)
);
--> statement-breakpoint
CREATE TABLE `arrival_tallies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`location_id` integer NOT NULL,
	`arrived_on` text NOT NULL,
	`shift` text NOT NULL,
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
	`unaccompanied_children` integer DEFAULT 0 NOT NULL,
	`pregnant_lactating` integer DEFAULT 0 NOT NULL,
	`health_referrals` integer DEFAULT 0 NOT NULL,
	`trafficking_referrals` integer DEFAULT 0 NOT NULL,
	`notes` text,
	`organisation_id` integer NOT NULL,
	`recorded_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `arrival_tallies_response_day_idx` ON `arrival_tallies` (`response_id`,`arrived_on`,`location_id`);--> statement-breakpoint
CREATE INDEX `arrival_tallies_location_idx` ON `arrival_tallies` (`location_id`);--> statement-breakpoint
CREATE TABLE `manifest_passengers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`manifest_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`sex` text NOT NULL,
	`age` integer NOT NULL,
	`dest_pcode` text,
	`phone` text,
	`flags` text NOT NULL,
	`arrived` integer,
	FOREIGN KEY (`manifest_id`) REFERENCES `manifests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `manifest_passengers_manifest_idx` ON `manifest_passengers` (`manifest_id`,`position`);--> statement-breakpoint
CREATE TABLE `manifests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`response_id` integer NOT NULL,
	`origin_location_id` integer NOT NULL,
	`vehicle_kind` text NOT NULL,
	`plate` text NOT NULL,
	`capacity` integer NOT NULL,
	`driver_name` text,
	`driver_phone` text,
	`operator_organisation_id` integer,
	`dest_province_pcode` text NOT NULL,
	`dest_district_pcode` text,
	`planned_departure` integer NOT NULL,
	`mode` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`boarding_at` integer,
	`departed_at` integer,
	`departed_on` text,
	`arrived_at` integer,
	`cancelled_at` integer,
	`f_0_5` integer DEFAULT 0 NOT NULL,
	`f_6_17` integer DEFAULT 0 NOT NULL,
	`f_18_59` integer DEFAULT 0 NOT NULL,
	`f_60` integer DEFAULT 0 NOT NULL,
	`m_0_5` integer DEFAULT 0 NOT NULL,
	`m_6_17` integer DEFAULT 0 NOT NULL,
	`m_18_59` integer DEFAULT 0 NOT NULL,
	`m_60` integer DEFAULT 0 NOT NULL,
	`disabled` integer DEFAULT 0 NOT NULL,
	`passengers` integer DEFAULT 0 NOT NULL,
	`received_count` integer,
	`missing_note` text,
	`organisation_id` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`origin_location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`operator_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `manifests_code_unique` ON `manifests` (`code`);--> statement-breakpoint
CREATE INDEX `manifests_recon_idx` ON `manifests` (`response_id`,`dest_province_pcode`,`departed_on`,`status`,`passengers`,`received_count`);--> statement-breakpoint
CREATE INDEX `manifests_response_status_idx` ON `manifests` (`response_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `return_secrets` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tally_destinations` (
	`tally_id` integer NOT NULL,
	`response_id` integer NOT NULL,
	`arrived_on` text NOT NULL,
	`province_pcode` text NOT NULL,
	`persons` integer NOT NULL,
	PRIMARY KEY(`tally_id`, `province_pcode`),
	FOREIGN KEY (`tally_id`) REFERENCES `arrival_tallies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tally_destinations_recon_idx` ON `tally_destinations` (`response_id`,`province_pcode`,`arrived_on`,`persons`);