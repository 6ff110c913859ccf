// One service of the platform as its own process, by name: `node tools/service.ts pdf`. What
// `npm run start:distributed` runs for each service (a service's own src/main.ts does the same).
import { runServiceProcess } from '@eventflow/host';
import { platform } from './platform.ts';

const name = process.argv[2];
const descriptor = platform.find((d) => d.name === name);
if (descriptor === undefined) {
  process.stderr.write(`usage: node tools/service.ts <${platform.map((d) => d.name).join('|')}>\n`);
  process.exit(2);
}
await runServiceProcess(descriptor);
