// `npm run build -w @eventflow/console`: builds the console now, whether or not it is stale.
import { buildConsole } from './ensure-built.ts';

const began = performance.now();
const dir = await buildConsole();
process.stdout.write(`console: built ${dir} in ${((performance.now() - began) / 1000).toFixed(1)} s\n`);
