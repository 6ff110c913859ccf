import { runServiceProcess } from '@eventflow/host';
import { hangfire } from './descriptor.ts';

await runServiceProcess(hangfire);
