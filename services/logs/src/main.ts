import { runServiceProcess } from '@eventflow/host';
import { logs } from './descriptor.ts';

await runServiceProcess(logs);
