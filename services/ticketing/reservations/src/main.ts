import { runServiceProcess } from '@eventflow/host';
import { reservations } from './descriptor.ts';

await runServiceProcess(reservations);
