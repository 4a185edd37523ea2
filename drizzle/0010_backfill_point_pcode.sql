-- Rows whose P-code was found from the point already hold the point's P-code.
UPDATE `assessments` SET `point_pcode` = `pcode` WHERE `pcode_source` = 'point';
