export * from './auth';
export * from './audit';
export * from './responses';
export * from './places';
export * from './assessments';
export * from './sitreps';
export * from './returns';
export * from './shelter';
