import { runServiceProcess } from '@eventflow/host';
import { schemaRegistry } from './descriptor.ts';

await runServiceProcess(schemaRegistry);
