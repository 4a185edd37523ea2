CREATE TABLE `known_devices` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`last_used_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `known_devices_user_idx` ON `known_devices` (`user_id`);--> statement-breakpoint
ALTER TABLE `organisations` ADD `contact_phone` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `contact_email` text;--> statement-breakpoint
ALTER TABLE `sign_in_throttle` ADD `last_failure_at` integer;