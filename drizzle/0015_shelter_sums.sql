CREATE TABLE `shelter_activity_sums` (
	`response_id` integer NOT NULL,
	`review_state` text NOT NULL,
	`start_month` text NOT NULL,
	`end_month` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`activity_type` text NOT NULL,
	`province_pcode` text NOT NULL,
	`activities` integer NOT NULL,
	`targeted_households` integer NOT NULL,
	`reached_households` integer NOT NULL,
	`targeted_persons` integer NOT NULL,
	`reached_persons` integer NOT NULL,
	`reached_female` integer NOT NULL,
	`reached_disabled` integer NOT NULL,
	PRIMARY KEY(`response_id`, `review_state`, `start_month`, `end_month`, `organisation_id`, `partner_id`, `activity_type`, `province_pcode`)
);
--> statement-breakpoint
CREATE TABLE `shelter_item_sums` (
	`response_id` integer NOT NULL,
	`review_state` text NOT NULL,
	`start_month` text NOT NULL,
	`end_month` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`province_pcode` text NOT NULL,
	`catalogue_id` integer NOT NULL,
	`lines` integer NOT NULL,
	`quantity` integer NOT NULL,
	PRIMARY KEY(`response_id`, `review_state`, `start_month`, `end_month`, `organisation_id`, `partner_id`, `province_pcode`, `catalogue_id`)
);
