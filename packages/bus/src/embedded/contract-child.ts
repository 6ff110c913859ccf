// The bus the contract suite's crash test opens in a child process: EMBEDDED_BUS_DIR names the directory.
import type { Bus } from '../port.ts';
import { openEmbeddedBus } from './index.ts';

export function openBus(): Promise<Bus> {
  const dir = process.env['EMBEDDED_BUS_DIR'];
  if (dir === undefined || dir === '') throw new Error('EMBEDDED_BUS_DIR is not set');
  return openEmbeddedBus({ dir });
}
