import { runServiceProcess } from '@eventflow/host';
import { paymentProvider } from './descriptor.ts';

await runServiceProcess(paymentProvider);
