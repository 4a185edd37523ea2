-- The boxes of the areas with a shape, for finding the areas around a point (SQLite keeps them in
-- an R*Tree, drizzle/0011_area_boxes.sql). PostgreSQL has no R*Tree; the same table, kept in step
-- by a trigger in the writer's transaction, with a GiST index on each row's box does the same job:
-- `box(point(min_lon, min_lat), point(max_lon, max_lat)) @> box(point(lon, lat), point(lon, lat))`
-- reads only the boxes around the point (GiST's box_ops has no `box @> point`: that form scans).
-- `stamp` changes with every write, so a server that keeps parsed shapes in memory knows when one
-- is out of date; a sequence gives it.
CREATE SEQUENCE "admin_area_box_stamps" AS integer CYCLE;--> statement-breakpoint
CREATE TABLE "admin_area_boxes" (
	"pcode" text PRIMARY KEY NOT NULL,
	"level" integer NOT NULL,
	"min_lon" double precision NOT NULL,
	"max_lon" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"stamp" integer DEFAULT nextval('admin_area_box_stamps') NOT NULL
);--> statement-breakpoint
CREATE INDEX "admin_area_boxes_box_idx" ON "admin_area_boxes" USING gist (box(point("min_lon", "min_lat"), point("max_lon", "max_lat")));--> statement-breakpoint
INSERT INTO "admin_area_boxes" ("pcode", "level", "min_lon", "min_lat", "max_lon", "max_lat")
SELECT "pcode", "level", ("bbox"->>0)::double precision, ("bbox"->>1)::double precision, ("bbox"->>2)::double precision, ("bbox"->>3)::double precision
FROM "admin_areas" WHERE "geometry" IS NOT NULL AND "bbox" IS NOT NULL;--> statement-breakpoint
CREATE FUNCTION "admin_area_boxes_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		DELETE FROM "admin_area_boxes" WHERE "pcode" = OLD."pcode";
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."geometry" IS NOT NULL AND NEW."bbox" IS NOT NULL THEN
		INSERT INTO "admin_area_boxes" ("pcode", "level", "min_lon", "min_lat", "max_lon", "max_lat")
		VALUES (NEW."pcode", NEW."level", (NEW."bbox"->>0)::double precision, (NEW."bbox"->>1)::double precision,
			(NEW."bbox"->>2)::double precision, (NEW."bbox"->>3)::double precision);
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "admin_area_boxes_sync" AFTER INSERT OR DELETE OR UPDATE OF "geometry", "bbox", "pcode", "level"
ON "admin_areas" FOR EACH ROW EXECUTE FUNCTION "admin_area_boxes_sync"();
