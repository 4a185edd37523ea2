export * from './sitreps';
export * from './shares';
export { computeFigures } from './providers';
