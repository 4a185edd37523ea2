/**
 * The PostgreSQL schema: the same tables, columns, keys and indexes as the SQLite one in
 * `../` (which documents what each holds), in PostgreSQL's types; `schema.test.ts` fails when
 * the two differ. Area boxes for point lookups are custom SQL on both engines (see
 * `drizzle/pg/0001_area_boxes.sql`).
 */
export * from './auth';
export * from './audit';
export * from './responses';
export * from './places';
export * from './assessments';
export * from './sitreps';
export * from './returns';
export * from './shelter';
