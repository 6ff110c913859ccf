import { runServiceProcess } from '@eventflow/host';
import { storage } from './descriptor.ts';

await runServiceProcess(storage);
