import { runServiceProcess } from '@eventflow/host';
import { notifications } from './descriptor.ts';

await runServiceProcess(notifications);
