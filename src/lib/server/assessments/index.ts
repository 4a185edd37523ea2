export * from './submit';
export * from './batch';
export * from './queries';
export * from './reviews';
