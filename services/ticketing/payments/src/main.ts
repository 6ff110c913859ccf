import { runServiceProcess } from '@eventflow/host';
import { payments } from './descriptor.ts';

await runServiceProcess(payments);
