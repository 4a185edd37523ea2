export * from './sites';
export * from './catalogue';
export * from './activities';
export * from './matrix';
export * from './options';
export * from './population';
