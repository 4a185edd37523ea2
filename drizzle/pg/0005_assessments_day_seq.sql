-- The export's keyset pages read one day of a response in seq order: SQLite's index ends with the
-- seq by itself (its rowid), PostgreSQL's needs it named, or each page walks the primary key.
DROP INDEX "assessments_response_day_idx";--> statement-breakpoint
CREATE INDEX "assessments_response_day_idx" ON "assessments" USING btree ("response_id","observed_on","seq");