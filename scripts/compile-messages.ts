/**
 * Compiles the messages with the app's Paraglide options, outside Vite: for `prepare`, scripts
 * and the unit tests (the Vite plugin's watcher would keep Vitest from exiting).
 */
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from './paraglide-options';

await compile(paraglideOptions);
process.exit(0);
