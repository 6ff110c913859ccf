import { runServiceProcess } from '@eventflow/host';
import { pdf } from './descriptor.ts';

await runServiceProcess(pdf);
