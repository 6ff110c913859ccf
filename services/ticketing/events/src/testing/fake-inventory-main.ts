// The fake inventory as a process of its own, for the distributed test.
import { runServiceProcess } from '@eventflow/host';
import { fakeInventory } from './fake-inventory.ts';

await runServiceProcess(fakeInventory());
