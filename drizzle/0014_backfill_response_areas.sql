-- Existing responses use the areas their kind usually needs (src/lib/domain/responses.ts), and
-- keep every area they already hold records in, so no page or figure they had disappears.
UPDATE `responses` SET `areas` = (
	SELECT json_group_array(`area`) FROM (
		SELECT 'returns' AS `area`, 1 AS `o`
		WHERE `responses`.`kind` IN ('mass_return', 'other')
			OR EXISTS (SELECT 1 FROM `arrival_tallies` t WHERE t.`response_id` = `responses`.`id`)
			OR EXISTS (SELECT 1 FROM `manifests` t WHERE t.`response_id` = `responses`.`id`)
		UNION ALL
		SELECT 'shelter', 2
		WHERE `responses`.`kind` IN ('mass_return', 'flood', 'storm', 'fire', 'other')
			OR EXISTS (SELECT 1 FROM `shelter_sites` t WHERE t.`response_id` = `responses`.`id`)
			OR EXISTS (SELECT 1 FROM `shelter_activities` t WHERE t.`response_id` = `responses`.`id`)
		UNION ALL
		SELECT 'assessments', 3
		WHERE `responses`.`kind` IN ('flood', 'storm', 'fire', 'drought', 'epidemic', 'other')
			OR EXISTS (SELECT 1 FROM `assessments` t WHERE t.`response_id` = `responses`.`id`)
		ORDER BY `o`
	)
);
