import { runServiceProcess } from '@eventflow/host';
import { gateway } from './descriptor.ts';

await runServiceProcess(gateway);
