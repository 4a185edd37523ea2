ALTER TABLE `arrival_tallies` ADD `client_id` text;--> statement-breakpoint
ALTER TABLE `arrival_tallies` ADD `content_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `arrival_tallies_client_id_unique` ON `arrival_tallies` (`client_id`);--> statement-breakpoint
ALTER TABLE `manifests` ADD `client_id` text;--> statement-breakpoint
ALTER TABLE `manifests` ADD `content_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `manifests_client_id_unique` ON `manifests` (`client_id`);--> statement-breakpoint
ALTER TABLE `shelter_population` ADD `client_id` text;--> statement-breakpoint
ALTER TABLE `shelter_population` ADD `content_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `shelter_population_client_id_unique` ON `shelter_population` (`client_id`);