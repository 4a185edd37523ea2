CREATE TABLE `sitrep_shares` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sitrep_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` integer,
	FOREIGN KEY (`sitrep_id`) REFERENCES `sitreps`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sitrep_shares_token_unique` ON `sitrep_shares` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sitrep_shares_sitrep_idx` ON `sitrep_shares` (`sitrep_id`);--> statement-breakpoint
CREATE TABLE `sitreps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`number` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`as_of` integer NOT NULL,
	`period_from` text,
	`period_to` text,
	`highlights` text,
	`overview` text,
	`sectors` text NOT NULL,
	`contacts` text,
	`next_report_on` text,
	`author_id` integer NOT NULL,
	`published_at` integer,
	`published_by` integer,
	`figures` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sitreps_response_number_unique` ON `sitreps` (`response_id`,`number`);