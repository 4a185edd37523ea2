/** Prints the README's HXL mapping tables (paste under `## Data exports`, then `npx prettier`). */
import { DATASETS } from '../src/lib/server/exports/registry';
import { mappingMarkdown } from '../src/lib/server/exports/doc';

process.stdout.write(mappingMarkdown(DATASETS));
