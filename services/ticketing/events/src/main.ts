import { runServiceProcess } from '@eventflow/host';
import { events } from './descriptor.ts';

await runServiceProcess(events);
