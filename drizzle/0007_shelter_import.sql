CREATE TABLE `shelter_import_chunks` (
	`import_id` text NOT NULL,
	`seq` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`import_id`, `seq`),
	FOREIGN KEY (`import_id`) REFERENCES `shelter_imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `shelter_import_rows` (
	`import_id` text NOT NULL,
	`row` integer NOT NULL,
	`action` text NOT NULL,
	`target_id` integer,
	`matched_by` text,
	`seen_updated_at` integer,
	`import_key` text,
	`import_hash` text NOT NULL,
	`changed` text,
	`payload` text NOT NULL,
	PRIMARY KEY(`import_id`, `row`),
	FOREIGN KEY (`import_id`) REFERENCES `shelter_imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `shelter_import_rows_action_idx` ON `shelter_import_rows` (`import_id`,`action`);--> statement-breakpoint
CREATE TABLE `shelter_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`response_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`size` integer NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`state` text DEFAULT 'uploading' NOT NULL,
	`cancel_requested` integer DEFAULT false NOT NULL,
	`rows_checked` integer DEFAULT 0 NOT NULL,
	`rows_saved` integer DEFAULT 0 NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`problem_count` integer DEFAULT 0 NOT NULL,
	`problems` text DEFAULT '[]' NOT NULL,
	`columns` text DEFAULT '[]' NOT NULL,
	`error` text,
	`heartbeat_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shelter_imports_response_idx` ON `shelter_imports` (`response_id`,`user_id`);--> statement-breakpoint
ALTER TABLE `shelter_activities` ADD `pending_import_id` text;--> statement-breakpoint
CREATE INDEX `shelter_activities_pending_idx` ON `shelter_activities` (`pending_import_id`);