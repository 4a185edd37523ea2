-- WITHOUT ROWID (added by hand): the cells are stored in their key's order, so a reader's
-- range of the key finds its figures there, without a second look-up per cell.
CREATE TABLE `shelter_day_sums` (
	`response_id` integer NOT NULL,
	`review_state` text NOT NULL,
	`start_date` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`province_pcode` text NOT NULL,
	`activities` integer NOT NULL,
	`targeted_households` integer NOT NULL,
	`reached_households` integer NOT NULL,
	`targeted_persons` integer NOT NULL,
	`reached_persons` integer NOT NULL,
	`reached_female` integer NOT NULL,
	`reached_disabled` integer NOT NULL,
	PRIMARY KEY(`response_id`, `review_state`, `start_date`, `organisation_id`, `partner_id`, `province_pcode`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `shelter_province_day_item_sums` (
	`response_id` integer NOT NULL,
	`review_state` text NOT NULL,
	`start_date` text NOT NULL,
	`province_pcode` text NOT NULL,
	`catalogue_id` integer NOT NULL,
	`lines` integer NOT NULL,
	`quantity` integer NOT NULL,
	PRIMARY KEY(`response_id`, `review_state`, `start_date`, `province_pcode`, `catalogue_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `shelter_province_item_sums` (
	`response_id` integer NOT NULL,
	`review_state` text NOT NULL,
	`activity_type` text NOT NULL,
	`start_month` text NOT NULL,
	`end_month` text NOT NULL,
	`province_pcode` text NOT NULL,
	`catalogue_id` integer NOT NULL,
	`lines` integer NOT NULL,
	`quantity` integer NOT NULL,
	PRIMARY KEY(`response_id`, `province_pcode`, `catalogue_id`, `review_state`, `activity_type`, `start_month`, `end_month`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `shelter_province_sums` (
	`response_id` integer NOT NULL,
	`review_state` text NOT NULL,
	`activity_type` text NOT NULL,
	`start_month` text NOT NULL,
	`end_month` text NOT NULL,
	`province_pcode` text NOT NULL,
	`activities` integer NOT NULL,
	`reached_households` integer NOT NULL,
	`reached_persons` integer NOT NULL,
	PRIMARY KEY(`response_id`, `province_pcode`, `review_state`, `activity_type`, `start_month`, `end_month`)
) WITHOUT ROWID;
