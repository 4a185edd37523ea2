-- The per-day destination summary counts people who crossed: only the lines of tallies at border
-- crossing points. Lines of tallies at transit centres (the same people counted again) leave it.
DELETE FROM `arrival_day_destinations`;--> statement-breakpoint
INSERT INTO `arrival_day_destinations` (`response_id`, `province_pcode`, `arrived_on`, `persons`)
SELECT d.`response_id`, d.`province_pcode`, d.`arrived_on`, sum(d.`persons`)
FROM `tally_destinations` d
JOIN `arrival_tallies` t ON t.`id` = d.`tally_id`
JOIN `locations` l ON l.`id` = t.`location_id`
WHERE l.`kind` = 'border_crossing'
GROUP BY d.`response_id`, d.`province_pcode`, d.`arrived_on`;
