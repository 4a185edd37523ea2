/** SQLite's schema: the tables as better-sqlite3 stores them (the source of what each holds). */
export * from './auth';
export * from './audit';
export * from './responses';
export * from './places';
export * from './assessments';
export * from './sitreps';
export * from './returns';
export * from './shelter';
export * from './shelter-sums';
