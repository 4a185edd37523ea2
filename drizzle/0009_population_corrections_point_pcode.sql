CREATE TABLE `shelter_population_retractions` (
	`population_id` integer PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`retracted_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`population_id`) REFERENCES `shelter_population`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`retracted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `assessments` ADD `point_pcode` text;--> statement-breakpoint
ALTER TABLE `shelter_population` ADD `replaces_id` integer REFERENCES shelter_population(id);--> statement-breakpoint
ALTER TABLE `shelter_population` ADD `correction_reason` text;--> statement-breakpoint
CREATE INDEX `shelter_population_replaces_idx` ON `shelter_population` (`replaces_id`);