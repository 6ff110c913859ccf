import { runServiceProcess } from '@eventflow/host';
import { greeter } from './descriptor.ts';

await runServiceProcess(greeter);
