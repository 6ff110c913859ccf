import { runServiceProcess } from '@eventflow/host';
import { inventory } from './descriptor.ts';

await runServiceProcess(inventory);
