export * from './sitreps';
export * from './shares';
export { computeFigures, FIGURE_PROVIDERS } from './providers';
export type { KeyFigure } from './figures';
