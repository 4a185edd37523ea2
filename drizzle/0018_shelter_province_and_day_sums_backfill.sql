-- The new 4W sums for the rows already there, as `shelter/sums.ts` keeps them: every row a
-- list shows (not hidden by an unpublished import), by response, review state, activity type,
-- month of start, month of end (the start when open-ended) and province ('': none), with their
-- item lines by catalogue entry; by response, review state, day of start, organisation,
-- implementing partner (0: none) and province; and the item lines by response, review state,
-- day of start, province and catalogue entry.
INSERT INTO `shelter_province_sums`
SELECT a.`response_id`, a.`review_state`, a.`activity_type`, substr(a.`start_date`, 1, 7),
	substr(coalesce(a.`end_date`, a.`start_date`), 1, 7), coalesce(a.`province_pcode`, ''),
	count(*), sum(a.`reached_households`), sum(a.`reached_persons`)
FROM `shelter_activities` a
WHERE a.`pending_import_id` IS NULL
	OR a.`pending_import_id` IN (SELECT `id` FROM `shelter_imports` WHERE `state` = 'published')
GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
INSERT INTO `shelter_province_item_sums`
SELECT a.`response_id`, a.`review_state`, a.`activity_type`, substr(a.`start_date`, 1, 7),
	substr(coalesce(a.`end_date`, a.`start_date`), 1, 7), coalesce(a.`province_pcode`, ''),
	i.`catalogue_id`, count(*), sum(i.`quantity`)
FROM `shelter_activity_items` i
JOIN `shelter_activities` a ON a.`id` = i.`activity_id`
WHERE a.`pending_import_id` IS NULL
	OR a.`pending_import_id` IN (SELECT `id` FROM `shelter_imports` WHERE `state` = 'published')
GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO `shelter_day_sums`
SELECT a.`response_id`, a.`review_state`, a.`start_date`, a.`organisation_id`,
	coalesce(a.`implementing_partner_id`, 0), coalesce(a.`province_pcode`, ''), count(*),
	sum(a.`targeted_households`), sum(a.`reached_households`), sum(a.`targeted_persons`),
	sum(a.`reached_persons`),
	sum(a.`reached_f_0_5` + a.`reached_f_6_17` + a.`reached_f_18_59` + a.`reached_f_60`),
	sum(a.`reached_disabled`)
FROM `shelter_activities` a
WHERE a.`pending_import_id` IS NULL
	OR a.`pending_import_id` IN (SELECT `id` FROM `shelter_imports` WHERE `state` = 'published')
GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
INSERT INTO `shelter_province_day_item_sums`
SELECT a.`response_id`, a.`review_state`, a.`start_date`, coalesce(a.`province_pcode`, ''),
	i.`catalogue_id`, count(*), sum(i.`quantity`)
FROM `shelter_activity_items` i
JOIN `shelter_activities` a ON a.`id` = i.`activity_id`
WHERE a.`pending_import_id` IS NULL
	OR a.`pending_import_id` IN (SELECT `id` FROM `shelter_imports` WHERE `state` = 'published')
GROUP BY 1, 2, 3, 4, 5;
