-- Every area with a shape has its bounding box in an R*Tree, so finding the areas around a point
-- reads a few boxes instead of all of them. Triggers keep it in step with `admin_areas` in the
-- writer's own transaction, whoever writes there (the boundary import, the seed, the default
-- provinces). `stamp` changes with every write, so a server that keeps parsed shapes in memory
-- knows when one is out of date. An area's old entry is found through its old box (the R*Tree
-- stores a box rounded outwards, so it always holds the exact one), not by scanning every entry.
CREATE VIRTUAL TABLE `admin_area_boxes` USING rtree(`id`, `min_lon`, `max_lon`, `min_lat`, `max_lat`, +`pcode`, +`level`, +`stamp`);--> statement-breakpoint
INSERT INTO `admin_area_boxes` (`min_lon`, `max_lon`, `min_lat`, `max_lat`, `pcode`, `level`, `stamp`)
SELECT json_extract(`bbox`, '$[0]'), json_extract(`bbox`, '$[2]'), json_extract(`bbox`, '$[1]'), json_extract(`bbox`, '$[3]'), `pcode`, `level`, random()
FROM `admin_areas` WHERE `geometry` IS NOT NULL AND `bbox` IS NOT NULL;--> statement-breakpoint
CREATE TRIGGER `admin_area_boxes_insert` AFTER INSERT ON `admin_areas`
WHEN NEW.`geometry` IS NOT NULL AND NEW.`bbox` IS NOT NULL
BEGIN
	INSERT INTO `admin_area_boxes` (`min_lon`, `max_lon`, `min_lat`, `max_lat`, `pcode`, `level`, `stamp`)
	VALUES (json_extract(NEW.`bbox`, '$[0]'), json_extract(NEW.`bbox`, '$[2]'), json_extract(NEW.`bbox`, '$[1]'), json_extract(NEW.`bbox`, '$[3]'), NEW.`pcode`, NEW.`level`, random());
END;--> statement-breakpoint
CREATE TRIGGER `admin_area_boxes_update` AFTER UPDATE OF `geometry`, `bbox`, `pcode`, `level` ON `admin_areas`
BEGIN
	DELETE FROM `admin_area_boxes` WHERE `id` IN (
		SELECT `id` FROM `admin_area_boxes`
		WHERE `min_lon` <= json_extract(OLD.`bbox`, '$[0]') AND `max_lon` >= json_extract(OLD.`bbox`, '$[2]')
			AND `min_lat` <= json_extract(OLD.`bbox`, '$[1]') AND `max_lat` >= json_extract(OLD.`bbox`, '$[3]')
			AND `pcode` = OLD.`pcode`
	);
	INSERT INTO `admin_area_boxes` (`min_lon`, `max_lon`, `min_lat`, `max_lat`, `pcode`, `level`, `stamp`)
	SELECT json_extract(NEW.`bbox`, '$[0]'), json_extract(NEW.`bbox`, '$[2]'), json_extract(NEW.`bbox`, '$[1]'), json_extract(NEW.`bbox`, '$[3]'), NEW.`pcode`, NEW.`level`, random()
	WHERE NEW.`geometry` IS NOT NULL AND NEW.`bbox` IS NOT NULL;
END;--> statement-breakpoint
CREATE TRIGGER `admin_area_boxes_delete` AFTER DELETE ON `admin_areas`
BEGIN
	DELETE FROM `admin_area_boxes` WHERE `id` IN (
		SELECT `id` FROM `admin_area_boxes`
		WHERE `min_lon` <= json_extract(OLD.`bbox`, '$[0]') AND `max_lon` >= json_extract(OLD.`bbox`, '$[2]')
			AND `min_lat` <= json_extract(OLD.`bbox`, '$[1]') AND `max_lat` >= json_extract(OLD.`bbox`, '$[3]')
			AND `pcode` = OLD.`pcode`
	);
END;
