import type { Envelope } from '@eventflow/bus';

export { collect as collectMessages, type Collected } from '@eventflow/bus/testing';

/** Messages grouped by key, in delivery order: check a stream's order on its key. */
export function byKey<T>(received: ReadonlyArray<Envelope<T>>): Map<string, Array<Envelope<T>>> {
  const keys = new Map<string, Array<Envelope<T>>>();
  for (const message of received) keys.set(message.key, [...(keys.get(message.key) ?? []), message]);
  return keys;
}
