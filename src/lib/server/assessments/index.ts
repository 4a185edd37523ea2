export * from './submit';
export * from './queries';
export * from './reviews';
