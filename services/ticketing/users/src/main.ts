import { runServiceProcess } from '@eventflow/host';
import { users } from './descriptor.ts';

await runServiceProcess(users);
